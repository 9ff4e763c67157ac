import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeResourceFile } from './sst-resource-file';

/*
 * The server function as `sst deploy` ships it. SST's Nextjs component gives the server function an
 * injection that decrypts the function's links (`resource.enc`, with SST_KEY) before OpenNext's
 * handler loads, and SST's Function component, seeing injections, zips a `server-index.mjs` that runs
 * them and then imports `index.mjs`; the Lambda handler becomes `server-index.handler`. Reproduced
 * here from SST's source (platform/src/components/aws/nextjs.ts, the server's `injections`, and
 * function.ts, `buildHandlerWrapper`, for a function that does not stream), so the check runs the
 * same file: a link the site needs and SST does not give it fails here as it would on AWS.
 */

/** The wrapper's file name, at the bundle's root as SST zips it. */
export const SST_SERVER_ENTRY = 'server-index.mjs';
/** SST_KEY_FILE, relative to the function's working directory (the unzipped bundle, /var/task). */

/** SST's Nextjs server injection (it starts `outer:`, so it runs once, at module load), then the wrapper around OpenNext's `index.handler`. */
const SERVER_INDEX = [
  'if (process.env.SST_KEY_FILE) {',
  '  const { readFileSync } = await import("fs")',
  '  const { createDecipheriv } = await import("crypto")',
  '  const key = Buffer.from(process.env.SST_KEY, "base64");',
  '  const encryptedData = readFileSync(process.env.SST_KEY_FILE);',
  '  const nonce = Buffer.alloc(12, 0);',
  '  const decipher = createDecipheriv("aes-256-gcm", key, nonce);',
  '  const authTag = encryptedData.slice(-16);',
  '  const actualCiphertext = encryptedData.slice(0, -16);',
  '  decipher.setAuthTag(authTag);',
  '  let decrypted = decipher.update(actualCiphertext);',
  '  decrypted = Buffer.concat([decrypted, decipher.final()]);',
  '  const decryptedData = JSON.parse(decrypted.toString());',
  '  globalThis.SST_KEY_FILE_DATA = decryptedData;',
  '}',
  'export const handler = async (event, context) => {',
  '  const { handler: rawHandler} = await import("./index.mjs");',
  '  return rawHandler(event, context);',
  '};',
].join('\n');

/**
 * Adds SST's wrapper and the encrypted links to a copy of the server function, and returns the
 * variables SST sets beside them: run `server-index.mjs` from `dir` with these, and only these, SST variables.
 */
export async function wrapAsSstDeploys(dir: string, links: Record<string, Record<string, unknown>>): Promise<{ SST_KEY: string; SST_KEY_FILE: string }> {
  await writeFile(path.join(dir, SST_SERVER_ENTRY), SERVER_INDEX);
  return writeResourceFile(dir, links);
}

/**
 * Whether SST's installed source (`sst install` writes it to .sst/platform) still has every line
 * reproduced above: the lines it no longer has (after an SST upgrade), none, or that it is not installed.
 */
export async function wrapperDriftFromSst(platformDir: string): Promise<string[] | 'not-installed'> {
  const sources = ['nextjs.ts', 'function.ts'].map((file) => path.join(platformDir, 'src', 'components', 'aws', file));
  if (!sources.every((file) => existsSync(file))) return 'not-installed';
  const text = (await Promise.all(sources.map((file) => readFile(file, 'utf8')))).join('\n');
  const missing = SERVER_INDEX.split('\n')
    .map((line) => line.trim().replace('handler: rawHandler}', '${oldHandlerFunction}: rawHandler}').replace('./index.mjs', './${oldHandlerFileName}${newHandlerFileExt}').replace('export const handler', 'export const ${newHandlerFunction}'))
    .filter((line) => line !== '}' && !text.includes(line));
  return missing;
}
