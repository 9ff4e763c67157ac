import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { localCloudEnv } from '../local/env';
import { bundlesDir, plannedBundles } from '../scripts/deploy-check/bundles';
import { addHostBinaries } from '../scripts/deploy-check/function-checks';
import { lambdaEnvironment, type CheckCloud } from '../scripts/deploy-check/lambda-environment';
import { lambdaNode } from '../scripts/deploy-check/lambda-node';
import { buildSite, siteBuildEnvironment, siteServerDir } from '../scripts/deploy-check/site-build';
import { deployedSiteEnvironment } from '../scripts/deploy-check/site-environment';
import { buildFunction, directoryBytes } from '../scripts/deploy-check/sst-function-build';
import { sourcesChangedSince } from './ensure-build';
import { median, round, type Bench, type Figure } from './figure';

/**
 * Cold starts: how long a fresh process of Lambda's Node (22, as deploy:check runs the bundles) takes
 * from its start until a function's handler module is loaded, with everything it does at load time
 * (Lambda's Init Duration, but for the runtime's own bootstrap), the median of RUNS fresh processes;
 * and each bundle's unzipped size, which Lambda downloads and unpacks on a cold start.
 *
 * The bundles are built as SST builds them, by deploy:check's builder, afresh on every run (so they
 * are of the current sources), outside the repository as deploy:check's are, so that Node cannot
 * fall back on the repository's node_modules. The site's is the OpenNext server function `npm run
 * build:site` makes, built again when a source is newer. Nothing is called at load time, so the
 * endpoints given are never reached.
 *
 * A function that loads its face model when first used (the built-in model's analyze-profile)
 * reports its load without it; bench/faces.bench.ts measures the model's own load.
 */

const root = path.resolve(import.meta.dirname, '..');
const RUNS = 5;
const GOALS: Record<string, string> = { 'process-image': '< 300', site: '< 800' };

/** Prints the milliseconds since the process began once `url` is imported, with the work its modules do at load. */
const LOADER = `const started = performance.now(); await import(process.argv[1]); process.stdout.write(JSON.stringify({ loadedAt: performance.now(), importMs: performance.now() - started }));`;

/** Endpoints no load-time code calls, in the shape the functions are given them. */
const UNREACHED = 'http://127.0.0.1:9';

export const run: Bench = async () => {
  const node = await lambdaNode(root);
  const cloudEnv = localCloudEnv({ s3: UNREACHED, dynamo: UNREACHED, realtime: { endpoint: UNREACHED, dataPlaneUrl: UNREACHED } });
  const cloud: CheckCloud = {
    env: cloudEnv,
    rekognitionEndpoint: UNREACHED,
    // Variables the functions read when they run, not when they load: present, as on Lambda, with throwaway values.
    secrets: { LIVE_TOKEN_KEY: { LIVE_TOKEN_KEY: 'x'.repeat(43) }, WEBHOOK_SECRET_KEY: { WEBHOOK_SECRET_KEY: 'x'.repeat(43) }, CLERK_SECRET_KEY: { LOCAL_AUTH: 'enabled', AUTH_SECRET: 'x'.repeat(43) } },
    timing: {},
  };

  const figures: Figure[] = [];
  for (const { label, spec, builtInModel } of plannedBundles()) {
    const dir = path.join(bundlesDir(root), 'coldstart', label.replace(/\W+/g, '-'));
    const built = await buildFunction(root, spec, dir);
    await addHostBinaries(dir, root);
    const env = await lambdaEnvironment(spec, dir, cloud);
    const name = `${spec.name}${builtInModel ? '_local_model' : ''}`.replace(/-/g, '_');
    const loadedAt = await medianLoad(node, path.join(dir, 'bundle.mjs'), dir, env);
    figures.push({ name: `coldstart_${name}_ms`, value: round(loadedAt), unit: 'ms', ...(builtInModel ? {} : goalOf(spec.name)) });
    figures.push({ name: `coldstart_${name}_bundle_mb`, value: round(built.bytes / 1024 / 1024), unit: 'MiB' });
  }

  const siteDir = siteServerDir(root);
  const siteBuilt = await stat(path.join(siteDir, 'index.mjs')).catch(() => null);
  if (!siteBuilt || (await sourcesChangedSince(root, siteBuilt.mtimeMs))) {
    await mkdir(path.join(root, '.sst'), { recursive: true });
    await buildSite(root, siteBuildEnvironment(), path.join(root, '.sst', 'coldstart-site-build.log'));
  }
  // Signed in with local accounts, as `npm run build:site` builds it without Clerk's keys.
  const siteEnv = { ...deployedSiteEnvironment(cloudEnv, UNREACHED), LOCAL_AUTH: 'enabled', AUTH_SECRET: 'x'.repeat(43) };
  figures.push({ name: 'coldstart_site_ms', value: round(await medianLoad(node, path.join(siteDir, 'index.mjs'), siteDir, siteEnv)), unit: 'ms', ...goalOf('site') });
  figures.push({ name: 'coldstart_site_bundle_mb', value: round(directoryBytes(siteDir, (file) => !file.endsWith('.map')) / 1024 / 1024), unit: 'MiB' });
  return figures;
};

function goalOf(name: string): { goal?: string } {
  return GOALS[name] ? { goal: GOALS[name] } : {};
}

/** The median, over RUNS fresh processes run one after another, of the time from a process's start until `entry` is loaded. */
async function medianLoad(node: string, entry: string, cwd: string, env: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await promisify(execFile)(node, ['--input-type=module', '-e', LOADER, pathToFileURL(entry).href], { cwd, env: env as NodeJS.ProcessEnv, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`${path.relative(root, entry)} did not load: ${error.stderr?.trim().split('\n').slice(-3).join(' ') ?? error.message}`);
    });
    times.push((JSON.parse(stdout.slice(stdout.lastIndexOf('{'))) as { loadedAt: number }).loadedAt);
  }
  return median(times);
}
