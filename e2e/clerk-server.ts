import path from 'node:path';
import { mediaKeyEnv } from '../local/cdn/media-keys';
import { localCloudEnv } from '../local/env';
import { startChild, stopTogether } from '../local/processes';
import { startClerkApiStub } from '../scripts/deploy-check/clerk-api-stub';
import { CLERK_PUBLISHABLE_KEY } from '../scripts/deploy-check/clerk-instance';
import { E2E_CLERK_PORT, E2E_PORTS } from './ports';

/*
 * The e2e suite's build served a second time, in Clerk mode, on the suite's own emulators (the first
 * server's local cloud): Clerk's production keys as a deployment has them, sessions verified with
 * CLERK_JWT_KEY (the public half of e2e/clerk-mode.ts's key pair, from the Playwright config), and
 * Clerk's backend API answered by deploy:check's stand-in. Started by playwright.config.ts.
 */
const jwtKey = process.env.CLERK_JWT_KEY;
if (!jwtKey) throw new Error('CLERK_JWT_KEY is not set: start this server through playwright.config.ts, which makes the key pair.');
const mediaSigningKey = process.env.MEDIA_SIGNING_KEY;
if (!mediaSigningKey) throw new Error('MEDIA_SIGNING_KEY is not set: start this server through playwright.config.ts, which makes the key.');
const secretKey = 'sk_live_e2eclerkmode';
const clerkApi = await startClerkApiStub(path.resolve(import.meta.dirname, '..'), { secretKey });
const realtime = `127.0.0.1:${E2E_PORTS.realtime}`;
const next = startChild('tsx', ['local/next-server.ts'], {
  ...localCloudEnv({
    s3: `http://127.0.0.1:${E2E_PORTS.s3}`,
    dynamo: `http://127.0.0.1:${E2E_PORTS.dynamo}`,
    lambda: `http://127.0.0.1:${E2E_PORTS.lambda}`,
    realtime: { endpoint: realtime, dataPlaneUrl: `http://${realtime}` },
  }),
  // The suite's media key, as the first server's local cloud has it: the same media, the same stand-in.
  ...mediaKeyEnv(mediaSigningKey),
  PORT: String(E2E_CLERK_PORT),
  NODE_ENV: 'production',
  CLERK_SECRET_KEY: secretKey,
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: CLERK_PUBLISHABLE_KEY,
  CLERK_JWT_KEY: jwtKey,
  CLERK_WEBHOOK_SIGNING_SECRET: `whsec_${Buffer.from('e2e clerk mode webhook secret').toString('base64')}`,
  CLERK_API_URL: clerkApi.endpoint,
});
stopTogether([next], () => clerkApi.stop());
