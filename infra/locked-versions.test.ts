import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { lockedVersions, readLockedVersions } from './locked-versions';

const root = path.resolve(import.meta.dirname, '..');
const installed = (name: string) => (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

test('the versions SST installs into functions are the ones package-lock.json locks, which npm ci installed here', () => {
  const versions = readLockedVersions(root, ['sharp', '@vladmandic/human']);
  expect(versions).toEqual({ sharp: installed('sharp'), '@vladmandic/human': installed('@vladmandic/human') });
});

test('a package the lock file does not hold is refused, saying what to do', () => {
  const lock = JSON.stringify({ packages: { 'node_modules/sharp': { version: '0.35.5' } } });
  expect(lockedVersions(lock, ['sharp'])).toEqual({ sharp: '0.35.5' });
  expect(() => lockedVersions(lock, ['left-pad'])).toThrow("left-pad is installed into a function but package-lock.json does not lock it: add it to package.json's dependencies");
});
