import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { clerkModeServer } from './e2e/clerk-mode';
import { e2eMediaSigningKey } from './e2e/media-key';
import { E2E_AUTH_SECRET, E2E_PASSWORD_HASH_LOG2_COST, E2E_PORTS } from './e2e/ports';

/*
 * The e2e suite runs a production build (`next build` runs first, in `npm run test:e2e`) on a
 * fresh local cloud, on ports of its own so that a running `npm run dev` is left alone.
 */
const ports = E2E_PORTS;
const dataDir = path.join(os.tmpdir(), `headshot-e2e-${process.pid}`);

/**
 * Debian's headless shell when it is installed (package chromium-headless-shell, as `.ci/run` installs
 * it): the same Blink without the full browser's GPU process and UI, which is what Playwright runs
 * headless by default. The whole suite's browser CPU was a quarter of CI's; the shell takes a third
 * less (accessibility and dashboard specs: 165 → 107 CPU seconds). Else the full Chromium.
 */
function debianChromium(): string {
  return existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium';
}

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  /*
   * Two files at a time, on the one server: most of a spec's time is waiting (for a job, a live event,
   * a page), which the other worker's spec fills. Each test signs up its own user, and the
   * per-address limits are tested from addresses of their own (loopbackAddress), so the files do
   * not see each other.
   */
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${ports.app}`,
    // A trace records every test to keep the failing ones: in CI that cost a quarter of the suite's time
    // (three specs: 189 → 139 s), so CI keeps a screenshot of a failure instead, with the error's call log.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? debianChromium(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    // The same build in Clerk mode, on the same emulators: the security headers and authorization specs visit it too.
    clerkModeServer(),
    {
      command: 'npx tsx local/serve.ts',
      url: `http://localhost:${ports.app}/sign-in`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: { PORT: String(ports.app), S3_PORT: String(ports.s3), DYNAMODB_PORT: String(ports.dynamo), LAMBDA_PORT: String(ports.lambda), REALTIME_PORT: String(ports.realtime), DATA_DIR: dataDir, AUTH_SECRET: E2E_AUTH_SECRET, PASSWORD_HASH_LOG2_COST: E2E_PASSWORD_HASH_LOG2_COST, MEDIA_SIGNING_KEY: e2eMediaSigningKey() },
    },
  ],
});
