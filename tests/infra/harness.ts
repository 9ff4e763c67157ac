import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { createMocks, type GraphResource, type Invoke } from './mocks';
import { ensurePlatform, platformDir, repoRoot } from '../../scripts/sst-platform';
import { startRpcStub, type BuildRequest, type RpcStub } from './rpc-stub';

/*
 * Runs sst.config.ts's run() over the platform code that `sst install` wrote, the way `sst deploy`
 * does, but against Pulumi's mocks instead of AWS. What the sst CLI normally provides is stubbed:
 *   - the globals its esbuild wrapper defines ($app, $cli, $dev) and the platform's own shim
 *     ($interpolate, $transform, ...), plus `sst` and `aws`;
 *   - its RPC server (SST_SERVER), which builds handlers (rpc-stub.ts);
 *   - the Next.js build: a minimal OpenNext output in a scratch project root, since `sst deploy`
 *     would run `open-next build` first.
 * Each run needs a fresh process (SST keeps component transforms in module state), so each test file runs one.
 */

export interface InfraGraph {
  resources: GraphResource[];
  invokes: Invoke[];
  builds: BuildRequest[];
  outputs: Record<string, unknown>;
  /** What sst.config.ts's app() returned for the stage. */
  app: { name: string; removal?: string; protect?: boolean };
  /** The scratch project root; function code zips are under <root>/.sst/artifacts/<name>/code.zip. */
  projectRoot: string;
  /** Errors the program raised (thrown inside outputs, logged by Pulumi, unknown RPC methods). */
  errors: string[];
}

export interface GraphRunOptions {
  stage?: string;
  /** Deploy-time environment (FACE_ANALYZER, UPLOAD_EXPIRY_DAYS, ...). */
  env?: Record<string, string>;
  /** Runs after the globals exist and before run(): where tests mutate the config, e.g. with $transform. */
  before?: () => void | Promise<void>;
}

type PulumiModule = typeof import('@pulumi/pulumi');

interface SstConfig {
  app(input: { stage: string }): Promise<{ name: string; removal?: string; protect?: boolean; providers?: unknown }>;
  run(): Promise<Record<string, unknown> | void>;
}

/** The media signing key the graph is run with: a real RSA key, since infra/ derives the distribution's public key from it. */
export const GRAPH_MEDIA_SIGNING_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const SECRET_VALUES = { ClerkSecretKey: 'sk_test_graph', ClerkPublishableKey: 'pk_test_graph', ClerkJwtKey: 'jwt_key_graph', ClerkWebhookSigningSecret: 'whsec_Z3JhcGg=', MediaSigningKey: GRAPH_MEDIA_SIGNING_KEY };

/** What `open-next build` leaves behind, reduced to what the Nextjs component reads. */
async function writeFakeNextBuild(root: string): Promise<void> {
  const files: Record<string, string> = {
    '.next/BUILD_ID': 'graph-test',
    '.next/routes-manifest.json': JSON.stringify({ basePath: '' }),
    '.next/prerender-manifest.json': JSON.stringify({ version: 4, routes: {} }),
    '.open-next/assets/_next/static/chunks/main.js': '',
    '.open-next/assets/favicon.ico': '',
    '.open-next/server-functions/default/index.mjs': 'export const handler = async () => ({});\n',
    '.open-next/image-optimization-function/index.mjs': 'export const handler = async () => ({});\n',
    '.open-next/open-next.output.json': JSON.stringify({
      edgeFunctions: {},
      origins: {
        s3: { type: 's3', originPath: '_assets', copy: [{ from: '.open-next/assets', to: '_assets', cached: true, versionedSubDir: '_next' }] },
        default: { type: 'function', handler: 'index.handler', bundle: '.open-next/server-functions/default', streaming: false },
        imageOptimizer: { type: 'function', handler: 'index.handler', bundle: '.open-next/image-optimization-function', streaming: false },
      },
      behaviors: [
        { pattern: '_next/image*', origin: 'imageOptimizer' },
        { pattern: '_next/*', origin: 's3' },
        { pattern: '*', origin: 'default' },
      ],
      additionalProps: { disableIncrementalCache: true, disableTagCache: true },
    }),
  };
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
}

/** A scratch project root: the repository's files that the config references, plus the fake build. */
async function createProjectRoot(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'headshot-infra-graph-'));
  for (const entry of ['assets', 'functions', 'node_modules', 'package.json', 'package-lock.json']) {
    await symlink(path.join(repoRoot, entry), path.join(root, entry));
  }
  await writeFakeNextBuild(root);
  return root;
}

function setGlobal(name: string, value: unknown): void {
  (globalThis as Record<string, unknown>)[name] = value;
}

/** How long the program may keep registering resources after run() returns. */
const SETTLE_TIMEOUT_MS = 60_000;

/**
 * Components create resources inside outputs, after run() has returned. Waits until Pulumi's RPC
 * queue drains and no new resource arrives. A failed output leaves a registration pending forever,
 * so the wait is bounded and reported as an error.
 */
async function settle(pulumi: PulumiModule, resources: GraphResource[], rpc: RpcStub, errors: string[]): Promise<void> {
  const waitForRpcs = (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs;
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  // Settled once neither Pulumi nor SST's RPC server has anything in flight and nothing new came in a pause.
  const state = () => `${resources.length}/${rpc.builds.length}/${rpc.inFlight()}`;
  for (let seen = ''; seen !== state() || rpc.inFlight() > 0; ) {
    seen = state();
    const remaining = deadline - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const drained = await Promise.race([
      waitForRpcs().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, remaining)))),
    ]);
    clearTimeout(timer);
    if (!drained || Date.now() > deadline) {
      errors.push(`resources were still being registered ${SETTLE_TIMEOUT_MS / 1000}s after run() returned`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const RAN = Symbol.for('headshot.infraGraph.ran');

export async function runInfraGraph(options: GraphRunOptions = {}): Promise<InfraGraph> {
  const stage = options.stage ?? 'graph';
  const processState = globalThis as { [RAN]?: boolean };
  if (processState[RAN]) throw new Error('runInfraGraph runs once per process: SST keeps component transforms in module state');
  processState[RAN] = true;
  await ensurePlatform();

  const projectRoot = await createProjectRoot();
  const rpc = await startRpcStub(projectRoot);
  const errors: string[] = [];
  const onRejection = (reason: unknown) => errors.push(reason instanceof Error ? reason.message : String(reason));
  process.on('unhandledRejection', onRejection);
  const cwd = process.cwd();

  const env: Record<string, string> = {
    ...options.env,
    SST_SERVER: rpc.url,
    ...Object.fromEntries(Object.entries(SECRET_VALUES).map(([name, value]) => [`SST_SECRET_${name}`, value])),
  };
  const previousEnv = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);

  try {
    const platformRequire = createRequire(path.join(platformDir, 'package.json'));
    // The platform's own copy of Pulumi: the mocks must be set on the instance its components use.
    const pulumi = platformRequire('@pulumi/pulumi') as PulumiModule;
    const resources: GraphResource[] = [];
    const invokes: Invoke[] = [];
    await pulumi.runtime.setMocks(createMocks(resources, invokes), 'headshot', stage, false);

    // The platform's shim provides $config, $interpolate, $transform, ... as the CLI's bundle does.
    const shim = (await import(pathToFileURL(path.join(platformDir, 'src', 'shim', 'run.js')).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(shim)) setGlobal(name, value);
    const { default: config } = (await import(pathToFileURL(path.join(repoRoot, 'sst.config.ts')).href)) as { default: SstConfig };
    const app = await config.app({ stage });
    setGlobal('$app', { name: app.name, stage, removal: app.removal ?? 'retain', protect: app.protect ?? false, providers: app.providers ?? {} });
    setGlobal('$dev', false);
    setGlobal('$cli', {
      command: 'deploy',
      rpc: rpc.url,
      paths: { home: path.join(projectRoot, '.home'), root: projectRoot, work: path.join(projectRoot, '.sst'), platform: platformDir },
      state: { version: {} },
    });
    setGlobal('sst', await import(pathToFileURL(path.join(platformDir, 'src', 'components', 'index.ts')).href));
    setGlobal('aws', platformRequire('@pulumi/aws'));
    await options.before?.();

    const { run } = (await import(pathToFileURL(path.join(platformDir, 'src', 'auto', 'run.ts')).href)) as {
      run(program: () => Promise<Record<string, unknown> | void>): Promise<Record<string, unknown>>;
    };
    let outputs: Record<string, unknown> = {};
    try {
      outputs = (await pulumi.runtime.runInPulumiStack(() => run(() => config.run()))) ?? {};
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    await settle(pulumi, resources, rpc, errors);
    if (pulumi.log.hasErrors()) errors.push('Pulumi logged errors (see the output above)');
    errors.push(...rpc.unknownMethods.map((method) => `unknown RPC method ${method}`));
    return { resources, invokes, builds: rpc.builds, outputs, app, projectRoot, errors };
  } finally {
    for (const [key, value] of Object.entries(previousEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    process.chdir(cwd);
    process.off('unhandledRejection', onRejection);
    await rpc.close();
  }
}

/** Removes a run's scratch project root. */
export async function disposeInfraGraph(graph: InfraGraph): Promise<void> {
  await rm(graph.projectRoot, { recursive: true, force: true });
}

/**
 * The graph of one configuration for the tests of the calling file: run once before them (a run takes
 * seconds) and removed after them. The object is filled in when the run ends, so tests read it, never
 * the file's top level.
 */
export function graphForThisFile(options: GraphRunOptions): InfraGraph {
  const graph = {} as InfraGraph;
  beforeAll(async () => {
    Object.assign(graph, await runInfraGraph(options));
  }, 180_000);
  afterAll(async () => {
    if (graph.projectRoot) await disposeInfraGraph(graph);
  });
  return graph;
}
