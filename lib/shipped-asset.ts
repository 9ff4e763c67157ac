import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a file or folder of assets/ is: next to the sources in development and tests, or under the
 * working directory, where a bundled function finds what SST's `copyFiles` put there (a bundle moves
 * this module away from the repository's layout). Throws naming both places when it is in neither.
 * Both paths name assets/ literally, so that the site's build traces that folder and no more.
 */
export function shippedAsset(withinAssets: string): string {
  const candidates = [path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets', withinAssets), path.join(process.cwd(), 'assets', withinAssets)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`assets/${withinAssets} is missing; looked in ${candidates.join(' and ')}.`);
  return found;
}
