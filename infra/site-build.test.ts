import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { OPEN_NEXT_VERSION } from './site-build';

test('the OpenNext that CI builds with is exactly the version SST is told to run', () => {
  const manifest = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  expect(manifest.devDependencies['@opennextjs/aws']).toBe(OPEN_NEXT_VERSION);
});
