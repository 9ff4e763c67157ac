import path from 'node:path';

/** Where the local cloud keeps its buckets, its table and the local sign-in secret: DATA_DIR, or `.data/` here. */
export function dataDirFromEnv(): string {
  return path.resolve(process.env.DATA_DIR || '.data');
}

/** A folder as a person finds it from here: relative under the working directory, absolute elsewhere. */
export function shownPath(folder: string): string {
  const relative = path.relative(process.cwd(), folder);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : folder;
}
