/*
 * npm run deploy:check: proves offline what can be proven of a deployment without AWS.
 *
 * 1. Builds every Lambda function the way SST does (scripts/deploy-check/sst-function-build.ts) and
 *    the site with OpenNext exactly as SST runs it (same version, same command, the site's
 *    environment with placeholder secrets).
 * 2. Runs the built artifacts against the local emulators: the site answers Function URL events, and
 *    the bridge delivers SQS-wrapped S3 events to the function bundles. Each bundle runs as Lambda
 *    runs it: from a folder outside the repository (no node_modules to fall back on), under Lambda's
 *    Node 22, with its own resource.enc holding only its spec's links and only its own environment.
 * 3. Runs the same site a second time as `sst deploy` configures it, in Clerk mode, through SST's
 *    server-index.mjs and resource.enc, and calls every page, route and server action
 *    (scripts/deploy-check/clerk-site-pass.ts).
 * 4. Calls the public API with a personal token: a webhook endpoint, upload, PUT, ready, a size, and the
 *    signed image.ready delivery (scripts/deploy-check/api-pass.ts).
 * 5. Fails naming every page or function that broke.
 *
 * What it cannot prove (IAM, S3 → SQS delivery, CloudFront, Clerk's own servers) is listed in the README.
 */
import './deploy-check/quiet-logs';
import { randomBytes } from 'node:crypto';
import PQueue from 'p-queue';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FUNCTION_ARCHITECTURE } from '../infra/function-specs';
import { repoRoot as root } from './sst-platform';
import { npmCpu, SITE_SERVER_ARCHITECTURE } from '../infra/site-build';
import { startLocalCloud } from '../local/cloud';
import { addHostSharpBinaries, addHostUsearchBinary, shippedSharpBinaries, shippedUsearch } from './deploy-check/host-binaries';
import { FunctionHosts } from './deploy-check/function-hosts';
import { startRekognitionStub } from './deploy-check/rekognition-stub';
import { callAction, findAction, readServerActions, type ActionRef } from '../tests/support/server-actions';
import { bundlesDir, plannedBundles } from './deploy-check/bundles';
import { addHostBinaries, checkLiveAuthorizer, checkNativeBinaries, checkSweep, reportDeploymentProblems } from './deploy-check/function-checks';
import { CHECK_ACCOUNT, functionArn, lambdaEnvironment, type CheckCloud } from './deploy-check/lambda-environment';
import { LAMBDA_NODE_VERSION, lambdaNode } from './deploy-check/lambda-node';
import { liveTokenKeyOf } from '../lib/realtime/live-token-key';
import { webhookSecretKeyOf } from '../lib/webhooks/secret-key';
import { Report } from './deploy-check/report';
import { buildSite, siteBuildEnvironment, siteServerDir } from './deploy-check/site-build';
import { SITE_HOST, startSiteFunction, type SiteFunction } from './deploy-check/site-function';
import { siteExpectations } from './deploy-check/site-answers';
import { deployedSiteEnvironment, SITE_CACHE } from './deploy-check/site-environment';
import { checkSiteInClerkMode, startClerkSite, type ClerkSite } from './deploy-check/clerk-site-pass';
import { checkApiFlow, type ApiPassContext } from './deploy-check/api-pass';
import { buildFunction, modulesAbove, type BuiltFunction, type InstallCache } from './deploy-check/sst-function-build';

const WORK_DIR = path.join(root, '.sst', 'deploy-check');
/** Where the bundles are built and run: outside the repository, whose node_modules Lambda does not have. */
const BUNDLES_DIR = bundlesDir(root);
/** `-- --reuse`: run the artifacts of the last build again, for working on the checks themselves. */
const REUSE = process.argv.includes('--reuse');
/** `-- --built-site`: the site was just built by `npm run build:site` (the same OpenNext build), as `npm test` does. */
const BUILT_SITE = process.argv.includes('--built-site');
const SETTLE_TIMEOUT_MS = 60_000;

const report = new Report();
const { pass, fail, step } = report;
const { expectStatus } = siteExpectations(report);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Bundles at once: each is mostly npm fetching and unpacking packages, which overlaps well. */
const BUNDLE_CONCURRENCY = 3;

async function buildFunctions(): Promise<Map<string, BuiltFunction>> {
  step(`Functions, bundled as SST bundles them (esbuild, ESM banner, nodejs.install for linux-${npmCpu(FUNCTION_ARCHITECTURE)}, copyFiles)`);
  const inherited = modulesAbove(path.join(BUNDLES_DIR, 'functions'));
  if (inherited.length > 0) {
    fail('functions', `${inherited.join(', ')} would lend the bundles packages they do not ship: remove it, or set TMPDIR elsewhere`);
    return new Map();
  }
  const queue = new PQueue({ concurrency: BUNDLE_CONCURRENCY });
  const installs: InstallCache = new Map();
  const outcomes = await Promise.all(
    plannedBundles().map(({ label, spec }) =>
      queue.add(async () => {
        const dir = path.join(BUNDLES_DIR, 'functions', label.replace(/\W+/g, '-'));
        return buildFunction(root, spec, dir, { reuse: REUSE, installs }).then(
          (result) => ({ label, spec, result }),
          (error: Error) => ({ label, spec, error }),
        );
      }),
    ),
  );
  const built = new Map<string, BuiltFunction>();
  for (const outcome of outcomes) {
    const { label, spec } = outcome;
    if ('error' in outcome) {
      fail(`function ${label} build`, outcome.error.message);
      continue;
    }
    const { result } = outcome;
    built.set(label, result);
    if (result.missingPackages.length > 0) fail(`function ${label}`, `imports ${result.missingPackages.join(', ')} at run time without installing it (nodejs.install)`);
    else if (result.bundledNative.length > 0) fail(`function ${label}`, `bundles ${result.bundledNative.join(', ')}, whose native binary cannot be found from a bundle (install or ship it, or keep it out of this function's imports)`);
    else pass(`${label} built`, `${mib(result.bytes)} unzipped`);
    if (spec.shipped.includes('usearch')) checkUsearch(`function ${label}`, result.dir, npmCpu(FUNCTION_ARCHITECTURE));
    await checkNativeBinaries(report, `function ${label}`, result.dir, npmCpu(FUNCTION_ARCHITECTURE));
    // To run here: the measured size above is what SST would zip.
    await addHostBinaries(result.dir, root).catch((error: Error) => fail(`function ${label}`, error.message));
  }
  return built;
}

async function buildAndCheckSite(): Promise<string | null> {
  step(`Site, built as SST builds it (OpenNext, server function on ${SITE_SERVER_ARCHITECTURE})`);
  await mkdir(WORK_DIR, { recursive: true });
  const logFile = path.join(WORK_DIR, 'open-next-build.log');
  let serverDir = siteServerDir(root);
  if (BUILT_SITE) {
    if (!existsSync(path.join(serverDir, 'index.mjs'))) {
      fail('site build', `--built-site, but ${path.relative(root, serverDir)} holds no build: run \`npm run build:site\` first`);
      return null;
    }
    pass('OpenNext build', 'made by npm run build:site');
  } else {
    try {
      const build = await buildSite(root, siteBuildEnvironment(), logFile, { reuse: REUSE });
      serverDir = build.serverDir;
      pass('OpenNext build', `log in ${path.relative(root, logFile)}`);
      for (const warning of build.warnings) {
        console.log(`  ! optional step needed the network and was skipped by OpenNext, not failed: ${warning.trim()}`);
      }
    } catch (error) {
      fail('site build', (error as Error).message);
      return null;
    }
  }
  const cpu = npmCpu(SITE_SERVER_ARCHITECTURE);
  const shipped = shippedSharpBinaries(serverDir, cpu);
  if (!existsSync(path.join(serverDir, 'node_modules', 'sharp'))) {
    fail('server function', 'ships without sharp (open-next.config.ts must install it; OpenNext excludes it from traced files)');
  } else if (!shipped.binary || !shipped.libvips) {
    fail('server function', `ships sharp without its linux-${cpu} binaries, so it would not load on the ${SITE_SERVER_ARCHITECTURE} server function`);
  } else {
    pass('server function ships sharp', `@img/sharp-linux-${cpu} and @img/sharp-libvips-linux-${cpu}`);
  }
  checkUsearch('server function', serverDir, cpu);
  await checkNativeBinaries(report, 'server function', serverDir, cpu);
  // Run a copy: the build stays exactly what SST would zip.
  const runnable = await mkdtemp(path.join(os.tmpdir(), 'headshot-site-'));
  await cp(serverDir, runnable, { recursive: true });
  await addHostSharpBinaries(runnable, root);
  await addHostUsearchBinary(runnable, root);
  return runnable;
}

/** Face search's native package, as shipped: it must load on Lambda's CPU. */
function checkUsearch(what: string, dir: string, cpu: string): void {
  const state = shippedUsearch(dir, cpu);
  if (state === 'ok') return pass(`${what} ships usearch`, `prebuilds/linux-${cpu}`);
  const why = {
    missing: 'ships without usearch, which face search loads at run time',
    'no-binary': `ships usearch without its linux-${cpu} binary`,
    'built-here': 'ships usearch with a binary compiled on this machine (build/), which node-gyp-build would load before the prebuilt one and Lambda cannot run',
  }[state];
  fail(what, why);
}

/** The revalidation table as SST's Nextjs component defines it (tag/path, and the "revalidate" index). */
async function createRevalidationTable(endpoint: string): Promise<void> {
  const { CreateTableCommand, DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({ endpoint });
  await client.send(
    new CreateTableCommand({
      TableName: SITE_CACHE.table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'tag', AttributeType: 'S' },
        { AttributeName: 'path', AttributeType: 'S' },
        { AttributeName: 'revalidatedAt', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'tag', KeyType: 'HASH' },
        { AttributeName: 'path', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'revalidate',
          KeySchema: [
            { AttributeName: 'path', KeyType: 'HASH' },
            { AttributeName: 'revalidatedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  client.destroy();
}

async function waitFor<T>(what: string, read: () => Promise<T | null>, settled: (value: T) => boolean, timeoutMs = SETTLE_TIMEOUT_MS): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value && settled(value)) return value;
    if (Date.now() > deadline) {
      fail(what, `not settled after ${timeoutMs / 1000} s (last state: ${JSON.stringify(value)?.slice(0, 200)})`);
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Job timing scaled down, as in the integration suite, so the dead-letter path takes seconds: the same rules, a faster clock. */
const FAST_JOB_TIMING = { JOB_LEASE_SECONDS: '2', JOB_EVENT_GRACE_SECONDS: '2', JOB_RETRY_WINDOW_SECONDS: '8' };

/** Everything a check works with: the running artifacts, the one signed-in account, and what earlier checks made. */
interface CheckContext {
  site: SiteFunction;
  /** The built site, whose manifest names its server actions. */
  actions: ActionRef[];
  hosts: FunctionHosts;
  /** Every Rekognition call the stub answered, by target ("RekognitionService.DetectFaces"). */
  rekognitionCalls: () => string[];
  user: { userId: string; email: string; cookies: string[] };
  /** A photo processed by the process-image bundle, for the checks that need one. */
  readyImageId: string | null;
  /** Runs a built function under its deployed environment. */
  startFunction: (fn: BuiltFunction) => Promise<void>;
}

async function main(): Promise<void> {
  Object.assign(process.env, FAST_JOB_TIMING);
  if (!REUSE) await rm(WORK_DIR, { recursive: true, force: true });
  // Fetched (or found) while the bundles build.
  const node = lambdaNode(root);
  node.catch(() => undefined);
  const built = await buildFunctions();
  const siteDir = await buildAndCheckSite();

  step('Built artifacts under plain node, against the local emulators');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-deploy-check-'));
  const hosts = new FunctionHosts();
  const rekognition = await startRekognitionStub(root);
  const cloud = await startLocalCloud({ dataDir, s3Port: 0, dynamoPort: 0, appOrigins: [], invoke: hosts.invoke, extraBuckets: [SITE_CACHE.bucket] });
  await createRevalidationTable(cloud.env.AWS_ENDPOINT_URL_DYNAMODB!);
  let site: SiteFunction | null = null;
  let clerkSite: Promise<ClerkSite> | null = null;
  const authSecret = randomBytes(32).toString('base64url');
  const functionCloud: CheckCloud = {
    env: cloud.env,
    rekognitionEndpoint: rekognition.endpoint,
    secrets: {
      // The live authorizer's key, derived from the site's sign-in secret as infra/ derives it.
      LIVE_TOKEN_KEY: { LIVE_TOKEN_KEY: liveTokenKeyOf(authSecret).toString('base64url') },
      // deliver-webhook's key for endpoints' signing secrets, derived the same way.
      WEBHOOK_SECRET_KEY: { WEBHOOK_SECRET_KEY: webhookSecretKeyOf(authSecret).toString('base64url') },
      // Where SST gives Clerk's secret key, this pass's site signs in with local accounts: deleting one needs their secret (its rate-limit windows are keyed with it).
      CLERK_SECRET_KEY: { LOCAL_AUTH: 'enabled', AUTH_SECRET: authSecret },
    },
    timing: FAST_JOB_TIMING,
  };
  const region = cloud.env.AWS_REGION ?? 'us-east-1';
  const startFunction = async (fn: BuiltFunction) =>
    hosts.start(fn.spec.name, fn.dir, await lambdaEnvironment(fn.spec, fn.dir, functionCloud), {
      node: await node,
      timeoutMs: fn.spec.timeoutSeconds * 1000,
      functionArn: functionArn(region, fn.spec.name),
    });
  try {
    await node.then(
      () => pass(`functions and the site run under Node ${LAMBDA_NODE_VERSION}, the functions from their own folders outside the repository`, path.join(BUNDLES_DIR, 'functions')),
      (error: Error) => fail("Lambda's Node", error.message),
    );
    for (const [label, fn] of built) {
      if (label !== fn.spec.name) continue;
      await startFunction(fn).then(
        () => pass(`function ${label} loads`),
        (error: Error) => fail(`function ${label}`, error.message),
      );
    }

    if (siteDir) {
      // Under Lambda's Node as the functions (the host's, when that one could not be installed: reported above).
      const siteNode = await node.catch(() => process.execPath);
      // Local accounts, opted into, with every link as a variable (as local/ gives them); the Clerk pass runs as SST deploys.
      site = await startSiteFunction(siteDir, {
        ...deployedSiteEnvironment(cloud.env, rekognition.endpoint),
        ...Object.fromEntries(Object.entries(cloud.env).filter(([name]) => name.startsWith('SST_RESOURCE_'))),
        LOCAL_AUTH: 'enabled',
        AUTH_SECRET: authSecret,
        // The API pass registers a webhook receiver on loopback, which only the check allows.
        WEBHOOK_LOOPBACK_RECEIVERS: 'allowed',
      }, { node: siteNode }).catch((error: Error) => {
        fail('site server function', error.message);
        return null;
      });
      clerkSite = startClerkSite({ root, siteDir, node: siteNode, cloudEnv: cloud.env, rekognitionEndpoint: rekognition.endpoint });
      // Its failure is reported where it is checked.
      clerkSite.catch(() => undefined);
    }
    if (site && siteDir) {
      const check: CheckContext = {
        site,
        actions: await readServerActions(siteDir),
        hosts,
        rekognitionCalls: () => rekognition.calls,
        user: await signIn(authSecret),
        readyImageId: null,
        startFunction,
      };
      await checkSite(check);
      const apiPass: ApiPassContext = { report, root, site, userId: check.user.userId, waitFor };
      await checkApiFlow(apiPass);
      await checkLiveAuthorizer(report, { ...check, cookies: check.user.cookies, iotArn: (resource) => `arn:aws:iot:${region}:${CHECK_ACCOUNT}:${resource}` });
      await checkDeadLetterPath(check, built.get('process-image'));
      await checkSweep(report, hosts);
      // The same jobs again, with the built-in face model in place of Rekognition.
      for (const [label, fn] of built) {
        if (label === fn.spec.name) continue;
        const loaded = await startFunction(fn).then(
          () => (pass(`function ${label} loads`), true),
          (error: Error) => (fail(`function ${label}`, error.message), false),
        );
        if (!loaded) continue;
        if (fn.spec.name === 'analyze-profile') await checkAnalysis(check, 'local');
        if (fn.spec.name === 'index-faces') await checkFaceIndex(check, 'local');
      }
      // The same site in Clerk mode, run as SST deploys it, over the same account's data.
      await checkSiteInClerkMode(clerkSite!, { report, root, actions: check.actions, user: check.user, readyImageId: check.readyImageId });
      // Last: the account it uses is deleted.
      await checkAccountData(check);
    } else {
      await checkSweep(report, hosts);
    }
  } finally {
    reportDeploymentProblems(report, hosts);
    if (site) await writeFile(path.join(WORK_DIR, 'server-function.log'), site.output());
    for (const fn of built.values()) await writeFile(path.join(WORK_DIR, `${fn.spec.name}.log`), hosts.output(fn.spec.name)).catch(() => undefined);
    if (report.failures.length > 0) console.log(`\nWhat the artifacts printed is in ${path.relative(root, WORK_DIR)}/*.log`);
    site?.stop();
    await clerkSite?.then((started) => started.stop(), () => undefined);
    hosts.stopAll();
    await cloud.stop();
    await rekognition.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (siteDir) await rm(siteDir, { recursive: true, force: true });
  }
}

/** A local account, with its session item in the table and its token signed with the site's own secret. */
async function signIn(authSecret: string): Promise<CheckContext['user']> {
  const { signUp, SESSION_COOKIE, signSession, startSession } = await import('../lib/auth');
  const email = `deploy-check-${Date.now()}@example.com`;
  const account = await signUp({ email, password: 'deploy-check-password' }, { address: '127.0.0.1' });
  const { session } = await startSession(account);
  return { userId: account.userId, email, cookies: [`${SESSION_COOKIE}=${await signSession(session, authSecret)}`] };
}

/** Whether a function printed its metrics (Powertools' EMF line) under its own service name. */
function emittedMetricsAs(hosts: FunctionHosts, service: string): boolean {
  return hosts.output(service).split('\n').some((line) => line.includes('"CloudWatchMetrics"') && line.includes(`"service":"${service}"`));
}

async function checkSite(check: CheckContext): Promise<void> {
  const { site, user, actions } = check;
  const { findImage } = await import('../lib/db');
  const { readFile } = await import('node:fs/promises');
  expectStatus('GET /sign-in', await site.request('/sign-in'), 200);
  expectStatus('GET /dashboard signed out', await site.request('/dashboard'), 307, (response) =>
    response.headers.location?.includes('/sign-in') ? null : `redirected to ${response.headers.location}, not to /sign-in`,
  );
  // The landing page is a route handler of its own (no React): it must be served, and send the signed-in on.
  expectStatus('GET / signed out', await site.request('/'), 200);
  expectStatus('GET / with a local session', await site.request('/', { cookies: user.cookies }), 307, (response) =>
    response.headers.location?.endsWith('/dashboard') ? null : `redirected to ${response.headers.location}, not to /dashboard`,
  );
  for (const page of ['/dashboard', '/links', '/settings']) {
    expectStatus(`GET ${page} with a local session`, await site.request(page, { cookies: user.cookies }), 200);
  }
  expectStatus('GET /images/{unknown id} with a local session', await site.request('/images/AAAAAAAAAAAAAAAA', { cookies: user.cookies }), 404);
  expectStatus('GET /s/{unknown code}', await site.request('/s/AAAAAAAAAAAA'), 404);

  const photo = await readFile(path.join(root, 'fixtures', 'faces', 'astronaut.png'));
  const upload = await callAction(site, findAction(actions, 'app/actions/create-upload.ts', 'createUploadAction'), [
    { fileName: 'astronaut.png', contentType: 'image/png', bytes: photo.length },
  ], user.cookies);
  const created = upload.result as { data?: { imageId: string; url: string; headers: Record<string, string> } } | null;
  if (!created?.data?.url) {
    fail('server action createUploadAction', `answered ${upload.response.status} without a presigned URL: ${upload.response.body.toString('utf8').slice(0, 300)}`);
    return;
  }
  pass('server action createUploadAction returns a presigned URL', new URL(created.data.url).pathname);
  const put = await fetch(created.data.url, { method: 'PUT', body: new Uint8Array(photo), headers: created.data.headers });
  if (!put.ok) return fail('presigned PUT', `S3 answered ${put.status}`);

  const { imageId } = created.data;
  const image = await waitFor('upload → ready through the process-image bundle', () => findImage(user.userId, imageId), (item) => item.status !== 'uploading' && item.status !== 'processing');
  if (!image) return;
  if (image.status !== 'ready') return fail('upload → ready through the process-image bundle', `ended ${image.status}: ${image.failureReason}`);
  pass('upload → ready through the process-image bundle', `${image.variants?.length} variants`);
  // The handler publishes its metrics as it returns, just after the record is ready.
  const metrics = await waitFor('process-image metrics under its own service name (POWERTOOLS_SERVICE_NAME)', async () => emittedMetricsAs(check.hosts, 'process-image') || null, Boolean, 10_000);
  if (metrics) pass('process-image reports metrics under its own service name');
  check.readyImageId = imageId;
  expectStatus(`GET /images/{id}`, await site.request(`/images/${imageId}`, { cookies: user.cookies }), 200);
  await checkHeicUpload(check);

  await checkAnalysis(check, 'rekognition');
  await checkFaceIndex(check, 'rekognition');
  await checkReadyPhoto(check);
  expectStatus('GET /people with a local session', await site.request('/people', { cookies: user.cookies }), 200);

  const link = await callAction(site, findAction(actions, 'app/actions/create-link.ts', 'createLinkAction'), [{ imageId, expiry: '1d' }], user.cookies, { id: imageId });
  const code = (link.result as { data?: { code: string } } | null)?.data?.code;
  if (!code) return fail('server action createLinkAction', `answered ${link.response.status} without a link`);
  pass('server action createLinkAction', `/s/${code}`);
  expectStatus('GET /s/{code}', await site.request(`/s/${code}`), 200);
  expectStatus('GET /s/{code}/card.jpg', await site.request(`/s/${code}/card.jpg`), 200, (response) =>
    response.headers['content-type'] === 'image/jpeg' ? null : `content-type ${response.headers['content-type']}, expected image/jpeg`,
  );
  await checkWatermarkRerender(check);
}

/** A watermark saved in the built site, then applied to the photo already there through the rerender-watermarks bundle (sharp and the shipped font). */
async function checkWatermarkRerender(check: CheckContext): Promise<void> {
  const { site, user, actions, readyImageId: imageId } = check;
  if (!imageId) return;
  const { findImage, findWatermarkRerender } = await import('../lib/db');
  const what = 'watermark applied to a photo already there through the rerender-watermarks bundle';
  const watermark = { enabled: true, text: '© deploy-check', position: 'bottom-right', opacity: 0.6 };
  const saved = await callAction(site, findAction(actions, 'app/actions/update-watermark.ts', 'updateWatermarkAction'), [watermark], user.cookies);
  if (saved.response.status >= 400) return fail('server action updateWatermarkAction', `answered ${saved.response.status}`);
  const asked = await callAction(site, findAction(actions, 'app/actions/rerender-watermarks.ts', 'rerenderWatermarksAction'), [{}], user.cookies);
  if (asked.response.status >= 400) return fail('server action rerenderWatermarksAction', `answered ${asked.response.status}`);
  const done = await waitFor(what, () => findWatermarkRerender(user.userId), (item) => item.status === 'done' || item.status === 'failed');
  if (!done) return;
  if (done.status !== 'done') return fail(what, `ended ${done.status}: ${done.failureReason}`);
  const marked = (await findImage(user.userId, imageId))?.variants?.filter((variant) => variant.watermarked) ?? [];
  if (marked.length === 0) return fail(what, 'ended done without a watermarked copy');
  pass(what, `${done.photosDone} of ${done.photosTotal} photos, ${marked.length} watermarked files`);
}

async function checkAnalysis(check: CheckContext, analyzer: 'rekognition' | 'local'): Promise<void> {
  const { site, user, actions, readyImageId: imageId } = check;
  if (!imageId) return;
  const { findAnalysis } = await import('../lib/db');
  const what = `analysis → ready through the analyze-profile bundle (${analyzer === 'local' ? 'built-in model' : 'Rekognition stub'})`;
  const requested = await callAction(site, findAction(actions, 'app/actions/request-analysis.ts', 'requestAnalysisAction'), [{ imageId }], user.cookies, { id: imageId });
  if (requested.response.status >= 400) return fail('server action requestAnalysisAction', `answered ${requested.response.status}`);
  const analysis = await waitFor(what, () => findAnalysis({ userId: user.userId, imageId }), (item) => item.status === 'ready' || item.status === 'failed');
  if (!analysis) return;
  if (analysis.status !== 'ready' || analysis.analyzer !== analyzer) return fail(what, `ended ${analysis.status} by ${analysis.analyzer}: ${analysis.failureReason}`);
  if (analyzer === 'rekognition' && !check.rekognitionCalls().includes('RekognitionService.DetectFaces')) return fail(what, 'ended ready without calling DetectFaces');
  const faces = (analysis.report as { faces?: unknown[] } | undefined)?.faces?.length;
  pass(what, `${faces} face${faces === 1 ? '' : 's'}`);
  expectStatus(`GET /images/{id}/analysis (${analyzer})`, await site.request(`/images/${imageId}/analysis`, { cookies: user.cookies }), 200);
}

/**
 * The LinkedIn-ready photo through the make-linkedin-ready bundle, asked for in the built site: it carries
 * the built-in model (framing and the person's cut-out) whatever the deployed analyzer, which scores it.
 */
async function checkReadyPhoto(check: CheckContext): Promise<void> {
  const { site, user, actions, readyImageId: imageId } = check;
  if (!imageId) return;
  const { findReadyPhoto } = await import('../lib/db');
  const what = 'LinkedIn-ready photo through the make-linkedin-ready bundle';
  const options = { background: { kind: 'blur' } };
  const requested = await callAction(site, findAction(actions, 'app/actions/request-ready-photo.ts', 'requestReadyPhotoAction'), [{ imageId, options }], user.cookies, { id: imageId });
  if (requested.response.status >= 400) return fail('server action requestReadyPhotoAction', `answered ${requested.response.status}`);
  const ready = await waitFor(what, () => findReadyPhoto({ userId: user.userId, imageId }), (item) => item.status === 'ready' || item.status === 'failed');
  if (!ready) return;
  if (ready.status !== 'ready') return fail(what, `ended ${ready.status}: ${ready.failureReason}`);
  const { result, outcome } = ready as { result: { width: number; bytes: number }; outcome: { before: { score: number }; after: { score: number } } };
  pass(what, `${result.width} px, ${result.bytes} bytes, score ${outcome.before.score} → ${outcome.after.score}`);
}

/**
 * The ready photo's faces, indexed by the index-faces bundle (asked again through findFacesAction
 * after the first run), then searched for through the built site's streaming route.
 */
async function checkFaceIndex(check: CheckContext, recognizer: 'rekognition' | 'local'): Promise<void> {
  const { site, user, actions, readyImageId: imageId } = check;
  if (!imageId) return;
  const { findImage, listFacesOfImage } = await import('../lib/db');
  const what = `faces indexed through the index-faces bundle (${recognizer === 'local' ? 'built-in model' : 'Rekognition stub'})`;
  if (recognizer === 'local') {
    const requested = await callAction(site, findAction(actions, 'app/actions/find-faces.ts', 'findFacesAction'), [{ imageId }], user.cookies, { id: imageId });
    if (requested.response.status >= 400) return fail('server action findFacesAction', `answered ${requested.response.status}`);
  }
  const indexed = await waitFor(what, () => findImage(user.userId, imageId), (item) => item.faceIndex?.status === 'done' || item.faceIndex?.status === 'failed');
  if (!indexed) return;
  if (indexed.faceIndex?.status !== 'done') return fail(what, `ended ${indexed.faceIndex?.status}: ${indexed.faceIndex?.failureReason}`);
  const faces = await listFacesOfImage(user.userId, imageId);
  const byThisRecognizer = faces.filter((face) => (recognizer === 'local' ? face.descriptor : face.providerFaceId));
  if (byThisRecognizer.length === 0) return fail(what, `ended done with ${faces.length} faces, none described by this recognizer`);
  if (recognizer === 'rekognition' && !check.rekognitionCalls().includes('RekognitionService.IndexFaces')) return fail(what, 'ended done without calling IndexFaces');
  pass(what, `${byThisRecognizer.length} face${byThisRecognizer.length === 1 ? '' : 's'}`);
  if (recognizer !== 'rekognition') return;

  const searchRequest = (body: string) =>
    site.request('/people/search', { method: 'POST', cookies: user.cookies, headers: { 'content-type': 'application/json', origin: `https://${SITE_HOST}` }, body });
  expectStatus('POST /people/search (a face, streamed)', await searchRequest(JSON.stringify({ face: { imageId, faceId: byThisRecognizer[0]!.faceId } })), 200, (response) => {
    const events = response.body.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string });
    if (events.at(-1)?.type !== 'done') return `ended with ${JSON.stringify(events.at(-1))}, not a done event`;
    return check.rekognitionCalls().includes('RekognitionService.SearchFaces') ? null : 'answered without calling SearchFaces';
  });
  expectStatus('POST /people/search malformed', await searchRequest('{"face":'), 400);
}

/**
 * The user's data through the export-account and delete-account bundles: an export asked for in the
 * built site becomes a ZIP that downloads, then deleting the account leaves nothing of the user.
 * Runs last for its user: the account is gone afterwards.
 */
async function checkAccountData(check: CheckContext): Promise<void> {
  const { site, user, actions } = check;
  const { listExports } = await import('../lib/db');
  const { listOwnExports } = await import('../lib/account/list-exports');
  const { findUserData, holdsUserData } = await import('../lib/account/find-user-data');
  const exported = await callAction(site, findAction(actions, 'app/actions/export.ts', 'requestExportAction'), [{}], user.cookies);
  if (exported.response.status >= 400) return fail('server action requestExportAction', `answered ${exported.response.status}`);
  const what = 'export → ZIP through the export-account bundle';
  const ready = await waitFor(what, async () => (await listExports(user.userId))[0] ?? null, (item) => item.status === 'ready' || item.status === 'failed');
  if (!ready) return;
  if (ready.status !== 'ready') return fail(what, `ended ${ready.status}: ${ready.failureReason}`);
  // The Settings page links the archive under /media/, which CloudFront serves on AWS: read here from the bucket it links to.
  const { exportArchiveKey, readObject } = await import('../lib/storage');
  const { resources } = await import('../lib/aws/resources');
  const [shown] = await listOwnExports(user.userId);
  const archive = shown?.downloadUrl ? ((await readObject(resources.mediaBucket, exportArchiveKey(user.userId, shown.exportId)))?.body ?? Buffer.alloc(0)) : Buffer.alloc(0);
  // A ZIP's local file header signature, then its end-of-central-directory record.
  if (archive.subarray(0, 4).toString('hex') !== '504b0304' || !archive.includes(Buffer.from('504b0506', 'hex'))) return fail(what, `the download is not a ZIP archive (${archive.length} bytes)`);
  pass(what, `${archive.length} bytes, ${ready.photosTotal} photos`);

  const deletion = 'account deletion through the delete-account bundle';
  const deleted = await callAction(site, findAction(actions, 'app/actions/account.ts', 'deleteAccountAction'), [{ email: user.email }], user.cookies);
  if (deleted.response.status >= 400) return fail('server action deleteAccountAction', `answered ${deleted.response.status}`);
  const left = await waitFor(deletion, () => findUserData(user.userId), (report) => !holdsUserData(report));
  if (left) pass(deletion, 'check:user finds nothing');
}

/** An iPhone photo through the process-image bundle: libheif's WebAssembly must be inside it, and load under plain node. */
async function checkHeicUpload(check: CheckContext): Promise<void> {
  const { findImage } = await import('../lib/db');
  const what = 'HEIC upload → ready through the process-image bundle (libheif-js inside it)';
  const imageId = await uploadThroughSite(check, what, { fixture: 'formats/display-p3.heic', fileName: 'IMG_0001.HEIC', contentType: 'image/heic' });
  if (!imageId) return;
  const image = await waitFor(what, () => findImage(check.user.userId, imageId), (item) => item.status !== 'uploading' && item.status !== 'processing');
  if (!image) return;
  if (image.status !== 'ready') return fail(what, `ended ${image.status}: ${image.failureReason}`);
  pass(what, `${image.variants?.length} variants`);
}

/** Starts an upload with the built site's server action and PUTs a fixture to its presigned URL: the new image's id, or null with the failure reported. */
async function uploadThroughSite(
  { site, user, actions }: CheckContext,
  what: string,
  file: { fixture: string; fileName: string; contentType: string },
): Promise<string | null> {
  const { readFile } = await import('node:fs/promises');
  const photo = await readFile(path.join(root, 'fixtures', file.fixture));
  const upload = await callAction(site, findAction(actions, 'app/actions/create-upload.ts', 'createUploadAction'), [
    { fileName: file.fileName, contentType: file.contentType, bytes: photo.length },
  ], user.cookies);
  const created = (upload.result as { data?: { imageId: string; url: string; headers: Record<string, string> } } | null)?.data;
  if (!created) {
    fail(what, `the upload could not start (${upload.response.status})`);
    return null;
  }
  const put = await fetch(created.url, { method: 'PUT', body: new Uint8Array(photo), headers: created.headers });
  if (!put.ok) {
    fail(what, `S3 answered ${put.status}`);
    return null;
  }
  return created.imageId;
}

/** A photo whose processing fails every attempt reaches the store-dead-letter bundle, and Retry in the built site brings it back. */
async function checkDeadLetterPath(check: CheckContext, processImage: BuiltFunction | undefined): Promise<void> {
  if (!processImage) return;
  const { site, user, actions, hosts } = check;
  const { findImage } = await import('../lib/db');
  const { listDeadLetters } = await import('../lib/jobs');
  const what = 'every attempt failing → dead letter through the store-dead-letter bundle';
  // With its function gone, every delivery of the upload fails, and the bridge moves it to the dead-letter queue.
  hosts.stop('process-image');
  const imageId = await uploadThroughSite(check, what, { fixture: 'faces/group-sample1.jpg', fileName: 'group.jpg', contentType: 'image/jpeg' });
  if (!imageId) return;
  const failed = await waitFor(what, () => findImage(user.userId, imageId), (item) => item.status === 'failed');
  if (!failed) return;
  if (failed.failureCode !== 'dead-letter') return fail(what, `ended failed with ${failed.failureCode}: ${failed.failureReason}`);
  pass(what, failed.failureReason);

  await check.startFunction(processImage);
  const letter = (await listDeadLetters(user.userId)).find((item) => item.subjectId === imageId);
  if (!letter) return fail('dead letter listed for its owner', 'none');
  const retry = await callAction(site, findAction(actions, 'app/actions/retry-dead-letter.ts', 'retryDeadLetterAction'), [{ deadLetterId: letter.deadLetterId }], user.cookies);
  if (retry.response.status >= 400) return fail('server action retryDeadLetterAction', `answered ${retry.response.status}`);
  const ready = await waitFor('Retry → ready through the process-image bundle', () => findImage(user.userId, imageId), (item) => item.status === 'ready');
  if (ready) pass('Retry → ready through the process-image bundle');
}

try {
  await main();
} catch (error) {
  fail('deploy:check', (error as Error).stack ?? String(error));
}
if (report.failures.length > 0) {
  console.error(`\n✖ deploy:check failed after ${report.seconds()} s. What broke:\n${report.failures.map((failure) => `  - ${failure}`).join('\n')}\n`);
  process.exit(1);
}
console.log(`\n✓ deploy:check passed in ${report.seconds()} s`);
process.exit(0);
