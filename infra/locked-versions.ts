import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/*
 * The exact versions package-lock.json resolves, for the packages SST installs into a function
 * (`nodejs.install`). SST turns a list of names into `{ name: "*" }` and npm then takes the newest
 * release, so a function could ship another sharp than the one the tests ran: a record of the locked
 * versions pins each to the same one.
 */

const LockSchema = z.object({ packages: z.record(z.string(), z.object({ version: z.string().optional() })) });

/** The locked version of each package, from package-lock.json's text; a package the lock file does not hold is an error. */
export function lockedVersions(lockText: string, names: readonly string[]): Record<string, string> {
  const { packages } = LockSchema.parse(JSON.parse(lockText));
  return Object.fromEntries(
    names.map((name) => {
      const version = packages[`node_modules/${name}`]?.version;
      if (!version) throw new Error(`${name} is installed into a function but package-lock.json does not lock it: add it to package.json's dependencies`);
      return [name, version];
    }),
  );
}

/** The same, read from the project's package-lock.json. */
export function readLockedVersions(projectRoot: string, names: readonly string[]): Record<string, string> {
  return lockedVersions(readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8'), names);
}
