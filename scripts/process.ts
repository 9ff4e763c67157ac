/**
 * `npm run process -- <file>... --out DIR [--watermark TEXT [--position P] [--opacity N]]`
 *
 * Runs the image pipeline that the S3 handler runs, on local files, with no cloud. Writes each
 * file's variants to DIR/<file name>/<variant>.<format> and prints one JSON line per file:
 *   {"file","status":"ready","format","width","height","animated","variants":[{name,format,width,height,bytes,watermarked,path}],
 *    "metadataRemaining":false,"metadataFound":[]}
 *   {"file","status":"failed","code","reason"}
 * `metadataRemaining` is measured by reading every written variant back, not assumed.
 *
 * Exit status: 0 when every file got an outcome (a refused image is an outcome, reported on its
 * line); 1 when a file could not be read or its variants could not be written; 2 on a usage error.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findLeftoverMetadata, processImageBuffer, WatermarkSettingsSchema, type WatermarkSettings } from '../lib/images/transform';
import { parseOrExplain, printLine, runIfMain, type CliRun } from './cli';

const USAGE = 'usage: npm run process -- <file>... --out DIR [--watermark TEXT] [--position bottom-right|bottom-left|top-right|top-left|center] [--opacity 0.1-1]';

function parseCommandLine(args: string[]): { files: string[]; out: string; watermark: WatermarkSettings } | 'help' {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      watermark: { type: 'string' },
      position: { type: 'string', default: 'bottom-right' },
      opacity: { type: 'string', default: '0.6' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length === 0) throw new Error('Name at least one image file.');
  if (!values.out) throw new Error('Say where the variants go with --out DIR.');
  const watermark = WatermarkSettingsSchema.safeParse(
    values.watermark === undefined
      ? { enabled: false }
      : { enabled: true, text: values.watermark, position: values.position, opacity: Number(values.opacity) },
  );
  if (!watermark.success) throw new Error(watermark.error.issues.map((issue) => issue.message).join(' '));
  return { files: positionals, out: values.out, watermark: watermark.data };
}

export async function processFiles({ argv, out }: CliRun): Promise<number> {
  const args = parseOrExplain(() => parseCommandLine(argv), USAGE, out);
  if (!args) return 2;
  if (args === 'help') {
    out.stdout(`${USAGE}\n`);
    return 0;
  }

  let exitCode = 0;
  const usedFolders = new Set<string>();
  for (const file of args.files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      printLine(out, { file, status: 'failed', code: 'unreadable', reason: `Could not read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}).` });
      exitCode = 1;
      continue;
    }

    const result = await processImageBuffer(bytes, { watermark: args.watermark });
    if (result.status === 'failed') {
      printLine(out, { file, status: 'failed', code: result.code, reason: result.reason });
      continue;
    }

    try {
      const folder = path.join(args.out, uniqueFolderName(path.basename(file), usedFolders));
      await mkdir(folder, { recursive: true });
      const variants = [];
      const found = new Set<string>();
      for (const variant of result.variants) {
        const target = path.join(folder, `${variant.name}.${variant.format}`);
        await writeFile(target, variant.body);
        // Read back what was written, so the answer is about the file on disk.
        for (const kind of await findLeftoverMetadata(await readFile(target))) found.add(kind);
        const { name, format, width, height, bytes: size, watermarked } = variant;
        variants.push({ name, format, width, height, bytes: size, watermarked, path: target });
      }
      const { format, width, height, animated, camera } = result.metadata;
      printLine(out, { file, status: 'ready', format, width, height, animated, ...(camera ? { camera } : {}), variants, metadataRemaining: found.size > 0, metadataFound: [...found] });
    } catch (error) {
      printLine(out, { file, status: 'failed', code: 'unwritable', reason: `Could not write the variants (${error instanceof Error ? error.message : String(error)}).` });
      exitCode = 1;
    }
  }
  return exitCode;
}

/** Two inputs with the same name (from different folders) get separate output folders. */
function uniqueFolderName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${name}-${n}`;
  used.add(candidate);
  return candidate;
}

await runIfMain(import.meta.url, processFiles);
