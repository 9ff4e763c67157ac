import { createCipheriv, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/*
 * A function's links as SST 4 hands them over: its linked resources' properties (each with its
 * `type`), as JSON, encrypted with AES-256-GCM under a 32-byte key and a zero nonce, the tag after
 * the ciphertext, in resource.enc beside the handler. The function gets the key as SST_KEY (base64)
 * and the file's name as SST_KEY_FILE, which `Resource` (sst/dist/resource/node.js) reads from the
 * task root, where Lambda starts it. The app's own name and stage come as SST_RESOURCE_App.
 */

export const RESOURCE_FILE = 'resource.enc';

/** Writes resource.enc into a function's folder: the variables that let it read these links, and no others. */
export async function writeResourceFile(dir: string, links: Record<string, Record<string, unknown>>): Promise<{ SST_KEY: string; SST_KEY_FILE: string }> {
  const key = randomBytes(32);
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.alloc(12, 0));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(links)), cipher.final(), cipher.getAuthTag()]);
  await writeFile(path.join(dir, RESOURCE_FILE), sealed);
  return { SST_KEY: key.toString('base64'), SST_KEY_FILE: RESOURCE_FILE };
}

/** The named links' properties, from an environment of SST_RESOURCE_<name> variables (the local cloud's); a name it lacks is an error. */
export function linksFrom(environment: Record<string, string>, names: readonly string[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    names.map((name) => {
      const value = environment[`SST_RESOURCE_${name}`];
      if (!value) throw new Error(`No resource named ${name} to link`);
      return [name, JSON.parse(value) as Record<string, unknown>];
    }),
  );
}
