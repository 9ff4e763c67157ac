/**
 * `npm run analyze -- <photo>... [--crop DIR] [--ready DIR [--background keep|blur|colour:#rrggbb|gradient:#rrggbb,#rrggbb]]`
 *
 * Runs the LinkedIn profile-photo analysis that the analyze-profile function runs, on local files:
 * the built-in face model by default, Rekognition with FACE_ANALYZER=rekognition (the photo is sent
 * as bytes). Prints one JSON line per photo:
 *   {"file","analyzer","image":{width,height},"sourceSize":{width,height},"faces":[…],"quality":{brightness,sharpness},
 *    "score","checks":[{id,status,label,advice}],"crop":{status,…},"crops":[{size,path,bytes}]}
 *   {"file","error"}  when the photo could not be read or analysed
 * With --crop DIR, the LinkedIn crops are written to DIR/<name>-400.jpg and DIR/<name>-800.jpg
 * (800 only when the photo has the pixels for it).
 * With --ready DIR, the LinkedIn-ready photo (lib/linkedin-ready) is written to DIR/<name>-ready.jpg
 * with the background asked for (keep by default), and the line is instead
 *   {"file","ready":{path,width,height,bytes,faceShare,rollCorrectedDegrees,notes},"before":{score,checks},"after":{score,checks}}
 * where before and after are the same check, the built-in analyzer, on the photo and on the result.
 *
 * Exit status: 0 when every photo was analysed; 1 when any could not be; 2 on a usage error.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FaceAnalyzer } from '../lib/profile-check/analyzer';
import { analyzePhoto } from '../lib/profile-check/analyze-photo';
import { renderLinkedInCrops } from '../lib/profile-check/crop';
import { prepareFacePhoto } from '../lib/faces/prepare-face-photo';
import type { CropPlan } from '../lib/profile-check/schemas';
import { selectAnalyzer } from '../lib/profile-check/select-analyzer';
import { createLocalAnalyzer } from '../lib/profile-check/local-analyzer';
import { makeLinkedInReady } from '../lib/linkedin-ready/make-linkedin-ready';
import { ReadyOptionsSchema, type ReadyOptions } from '../lib/linkedin-ready/schemas';
import { parseOrExplain, printLine, runIfMain, type CliRun } from './cli';

const USAGE =
  'usage: npm run analyze -- <photo>... [--crop DIR] [--ready DIR [--background keep|blur|colour:#rrggbb|gradient:#rrggbb,#rrggbb]]   (FACE_ANALYZER=local|rekognition, default local)';

interface CommandLine {
  files: string[];
  cropDir?: string;
  analyzer: FaceAnalyzer;
  ready?: { dir: string; options: ReadyOptions };
}

function parseCommandLine(args: string[], env: CliRun['env']): CommandLine | 'help' {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      crop: { type: 'string' },
      ready: { type: 'string' },
      background: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length === 0) throw new Error('Name at least one photo.');
  if (values.crop === '') throw new Error('--crop needs a folder.');
  if (values.ready === '') throw new Error('--ready needs a folder.');
  if (values.background !== undefined && values.ready === undefined) throw new Error('--background goes with --ready.');
  const ready = values.ready === undefined ? undefined : { dir: values.ready, options: parseBackground(values.background ?? 'keep') };
  return { files: positionals, cropDir: values.crop, analyzer: selectAnalyzer(env), ready };
}

/** keep, blur, colour:#rrggbb or gradient:#rrggbb,#rrggbb, as ReadyOptions. */
function parseBackground(text: string): ReadyOptions {
  const [kind, colours = ''] = text.split(/:(.*)/s);
  const [from, to] = colours.split(',');
  const background = kind === 'colour' ? { kind, colour: colours } : kind === 'gradient' ? { kind, from, to } : { kind };
  const parsed = ReadyOptionsSchema.safeParse({ background });
  if (!parsed.success) throw new Error(`--background ${text}: use keep, blur, colour:#rrggbb or gradient:#rrggbb,#rrggbb.`);
  return parsed.data;
}

export async function analyze({ argv, env, out }: CliRun): Promise<number> {
  const args = parseOrExplain(() => parseCommandLine(argv, env), USAGE, out);
  if (!args) return 2;
  if (args === 'help') {
    out.stdout(`${USAGE}\n`);
    return 0;
  }

  let exitCode = 0;
  const usedNames = new Set<string>();
  for (const file of args.files) {
    try {
      const photo = await readFile(file);
      if (args.ready) {
        printLine(out, await makeReady(file, photo, args.ready, uniqueName(file, usedNames)));
        continue;
      }
      const input = await prepareFacePhoto(photo);
      const { report, crop } = await analyzePhoto(input, args.analyzer, { sourceSize: input.sourceSize });
      const crops = args.cropDir ? await writeCrops(photo, crop, args.cropDir, uniqueName(file, usedNames)) : undefined;
      printLine(out, { file, ...report, sourceSize: input.sourceSize, crop, ...(crops ? { crops } : {}) });
    } catch (error) {
      printLine(out, { file, error: describe(error) });
      exitCode = 1;
    }
  }
  return exitCode;
}

/** The LinkedIn-ready photo, written to the folder, with the check's score of the photo before and of the result after. */
async function makeReady(file: string, photo: Buffer, { dir, options }: NonNullable<CommandLine['ready']>, name: string) {
  const ready = await makeLinkedInReady(photo, options);
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, `${name}-ready.jpg`);
  await writeFile(target, ready.jpeg);
  const [before, after] = [await scoreLocally(photo), await scoreLocally(ready.jpeg)];
  const { jpeg, ...described } = ready;
  void jpeg;
  return { file, ready: { path: target, ...described }, before, after };
}

/** The built-in analyzer's check, whatever FACE_ANALYZER says, so that before and after are one measure. */
async function scoreLocally(photo: Buffer) {
  const input = await prepareFacePhoto(photo);
  const { report } = await analyzePhoto(input, createLocalAnalyzer(), { sourceSize: input.sourceSize });
  return { score: report.score, checks: report.checks };
}

async function writeCrops(photo: Buffer, plan: CropPlan, folder: string, name: string) {
  const rendered = await renderLinkedInCrops(photo, plan);
  if (rendered.length > 0) await mkdir(folder, { recursive: true });
  return Promise.all(
    rendered.map(async ({ size, body, bytes }) => {
      const target = path.join(folder, `${name}-${size}.jpg`);
      await writeFile(target, body);
      return { size, path: target, bytes };
    }),
  );
}

/** Two photos with the same name (from different folders) get separate crop files. */
function uniqueName(file: string, used: Set<string>): string {
  const base = path.parse(file).name;
  let candidate = base;
  for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
  used.add(candidate);
  return candidate;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && code.startsWith('E') && error instanceof Error && 'path' in error) return `Could not read the file (${code}).`;
  return error instanceof Error ? error.message : String(error);
}

await runIfMain(import.meta.url, analyze);
