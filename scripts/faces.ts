/**
 * `npm run faces -- compare A.jpg B.jpg`
 *
 * Compares the largest face of each photo with the built-in model, as the app compares faces, and
 * prints one JSON line: {"a","b","similarity","samePerson"}, samePerson at the app's threshold
 * (SAME_PERSON_MIN_SIMILARITY). A photo that cannot be read, or shows no face, prints {"error"}.
 *
 * `npm run faces -- group A.jpg B.jpg ...`
 *
 * Groups every face of the photos into people, with the app's threshold and minimum group size, and
 * prints one JSON line: {"people": [[{"photo","box"}, ...], ...], "ungrouped": [...]}.
 *
 * Exit status: 0 on an answer; 1 when a photo could not be read or compared; 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { compareFaces } from '../lib/people/compare-faces';
import { groupPhotoFaces } from '../lib/people/group-photos';
import { parseOrExplain, printLine, runIfMain, type CliRun } from './cli';

const USAGE = 'usage: npm run faces -- compare A.jpg B.jpg\n       npm run faces -- group PHOTO...';

type CommandLine = { command: 'help' } | { command: 'compare'; a: string; b: string } | { command: 'group'; photos: string[] };

function parseCommandLine(args: string[]): CommandLine {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) return { command: 'help' };
  const [command, ...photos] = positionals;
  if (command === 'group') {
    if (photos.length === 0) throw new Error('group takes one photo or more.');
    return { command, photos };
  }
  if (command !== 'compare') throw new Error(command ? `Unknown command "${command}".` : 'Name a command.');
  const [a, b, ...rest] = photos;
  if (!a || !b || rest.length > 0) throw new Error('compare takes exactly two photos.');
  return { command, a, b };
}

export async function faces({ argv, out }: CliRun): Promise<number> {
  const args = parseOrExplain(() => parseCommandLine(argv), USAGE, out);
  if (!args) return 2;
  if (args.command === 'help') {
    out.stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    if (args.command === 'group') {
      printLine(out, await groupPhotoFaces(await Promise.all(args.photos.map(async (name) => ({ photo: await read(name), name })))));
      return 0;
    }
    const [a, b] = await Promise.all([read(args.a), read(args.b)]);
    printLine(out, { a: args.a, b: args.b, ...(await compareFaces({ photo: a, name: args.a }, { photo: b, name: args.b })) });
    return 0;
  } catch (error) {
    printLine(out, { error: error instanceof Error ? error.message : String(error) });
    return 1;
  }
}

async function read(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new Error(`Could not read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, { cause: error });
  }
}

await runIfMain(import.meta.url, faces);
