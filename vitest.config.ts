import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };
const env = { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' };

/** Unit files that mock modules or the environment: each runs in a fresh module graph of its own. */
const MOCKING = ['lib/images/transform/process-image-buffer.test.ts', 'lib/rate-limit/subject.test.ts', 'middleware/clerk.test.ts', 'local/dev-banner.test.ts'];
const UNIT = ['lib/**/*.test.ts', 'middleware/**/*.test.ts', 'local/**/*.test.ts', 'infra/**/*.test.ts', 'tests/docs/**/*.test.ts', 'scripts/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts'];

/** Integration files that start and kill local clouds of their own: they need nothing of the shared one, so they run beside it. */
const OWN_CLOUD = [
  'tests/integration/faults.test.ts',
  'tests/integration/restart.test.ts',
  'tests/integration/deletion-races.test.ts',
  'tests/integration/chaos-load.test.ts',
  'tests/integration/cdn-invalidation-retries.test.ts',
];

/**
 * Integration files that need a module graph of their own: they mock one of the app's modules, or set
 * a setting that lib/config.ts reads once per process before their first import.
 */
const OWN_GRAPH = [
  'tests/integration/links.test.ts', // mocks the signed-in user and next/cache
  'tests/integration/processing.test.ts', // mocks @/lib/storage/objects to fail reads and writes
  'tests/integration/clerk-webhook.test.ts', // reloads the route under other settings
  'tests/integration/live-lifetime.test.ts', // LIVE_TOKEN_TTL_SECONDS
  'tests/integration/tracing.test.ts', // the tracing settings
];

/**
 * What the integration files import as the Next.js server would have it: `server-only` as its
 * react-server build (an empty module), and `after()` running its task at once, since only a request
 * scope of Next.js runs it after the response, and the files call the route handlers directly.
 */
const integrationAlias = [
  { find: '@', replacement: alias['@'] },
  { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js') },
  { find: /^next\/server$/, replacement: path.resolve(import.meta.dirname, 'tests/support/next-server.ts') },
];

/** Integration files on the one local cloud that tests/integration/global-setup.ts starts, one file at a time. */
function integrationProject(name: string, options: { include: string[]; exclude?: string[]; isolate?: boolean }) {
  return {
    resolve: { alias: integrationAlias },
    test: {
      name,
      ...options,
      environment: 'node',
      env,
      globalSetup: ['tests/integration/global-setup.ts'],
      setupFiles: ['tests/integration/setup-env.ts'],
      // The files share one local cloud, so they run one at a time.
      fileParallelism: false,
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
}

/** Unit tests in worker threads, which start faster and lighter than processes, as the suite's many small files feel. */
function unitProject(name: string, options: { include: string[]; exclude?: string[]; isolate?: boolean }) {
  return { resolve: { alias }, test: { name, ...options, pool: 'threads' as const, environment: 'node', env, testTimeout: 30_000 } };
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      // One module graph per worker: the face model, sharp and the SDKs load once, not once per file (a fifth of the suite's CPU).
      unitProject('unit', { include: UNIT, exclude: [...configDefaults.exclude, ...MOCKING], isolate: false }),
      unitProject('unit-isolated', { include: MOCKING }),
      {
        resolve: { alias },
        test: {
          // sst.config.ts run over the SST platform: once per process (SST keeps its transforms in module state), and it changes directory, which a worker thread may not.
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          pool: 'forks',
          environment: 'node',
          env,
          testTimeout: 30_000,
        },
      },
      // The shared cloud's files in one module graph, as the unit files: the handlers, sharp and the SDKs load once, not once per file.
      integrationProject('integration', { include: ['tests/integration/**/*.test.ts'], exclude: [...configDefaults.exclude, ...OWN_CLOUD, ...OWN_GRAPH], isolate: false }),
      // Runs after the files above (Vitest runs isolated single-worker files last, one at a time), on the same cloud.
      integrationProject('integration-isolated', { include: OWN_GRAPH }),
      {
        resolve: { alias: integrationAlias },
        test: {
          name: 'integration-own-cloud',
          include: OWN_CLOUD,
          environment: 'node',
          env,
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
