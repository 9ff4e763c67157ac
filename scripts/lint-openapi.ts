import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApiDocument } from '@/lib/api/openapi-document';

/*
 * Lints the API's OpenAPI document with Redocly's linter (rules in redocly.yaml): the document as the
 * app serves it, generated here from the same operations, written to a temporary file for the CLI.
 */

const directory = mkdtempSync(path.join(tmpdir(), 'headshot-openapi-'));
const file = path.join(directory, 'openapi.json');
try {
  writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
  execFileSync(path.resolve('node_modules/.bin/redocly'), ['lint', '--config', 'redocly.yaml', '--format', 'stylish', file], {
    stdio: 'inherit',
    // Redocly reports usage home unless told not to; this machine and CI have no network but the registry.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
} catch {
  process.exitCode = 1;
} finally {
  rmSync(directory, { recursive: true, force: true });
}
