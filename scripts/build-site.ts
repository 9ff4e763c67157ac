/*
 * npm run build:site: the site built once, the way `sst deploy` builds it (OpenNext, SST's environment,
 * placeholder secrets; scripts/deploy-check/site-build.ts). `npm test` builds it here and then uses it
 * twice: the e2e suite serves its `.next` under the local cloud, and `deploy:check -- --built-site`
 * runs its server function. The type-check is left to `npm run typecheck` (`next typegen`, then
 * `tsc`), which `npm test` runs once this build is done (scripts/test.ts).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { buildSite, siteBuildEnvironment } from './deploy-check/site-build';
import { repoRoot } from './sst-platform';

const logFile = path.join(repoRoot, '.sst', 'build-site.log');
await mkdir(path.dirname(logFile), { recursive: true });
const started = performance.now();
try {
  const build = await buildSite(repoRoot, { ...siteBuildEnvironment(), HEADSHOT_BUILD_SKIPS_TYPECHECK: '1' }, logFile);
  for (const warning of build.warnings) console.log(`! optional step needed the network and was skipped by OpenNext: ${warning.trim()}`);
  console.log(`✓ site built in ${((performance.now() - started) / 1000).toFixed(0)} s (OpenNext; log in ${path.relative(repoRoot, logFile)})`);
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exit(1);
}
