import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'middleware/**/*.test.ts', 'local/**/*.test.ts', 'infra/**/*.test.ts', 'tests/docs/**/*.test.ts', 'scripts/**/*.test.ts', 'app/**/*.test.ts'],
          // Worker threads start faster and lighter than processes, which the suite's many small files feel.
          pool: 'threads',
          environment: 'node',
          env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // sst.config.ts run over the SST platform: once per process (SST keeps its transforms in module state), and it changes directory, which a worker thread may not.
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          pool: 'forks',
          environment: 'node',
          env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
          globalSetup: ['tests/integration/global-setup.ts'],
          setupFiles: ['tests/integration/setup-env.ts'],
          // The suites share one local cloud, so they run one file at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
