import { WEB_SERVER_WORKLOAD } from '../lib/cost/workload';
import { ORIGIN_SECRET_HEADER } from '../lib/security/origin-secret';

/*
 * How SST builds the Next.js site, as plain data: infra/web.ts deploys with it, open-next.config.ts
 * installs sharp for it, and `npm run deploy:check` builds the site the same way.
 */

/**
 * The OpenNext release SST runs (`npx @opennextjs/aws@<version> build`). Pinned rather than left to
 * SST's default, and the same exact version is a devDependency, so CI builds what deploys.
 */
export const OPEN_NEXT_VERSION = '3.9.14';

/*
 * The server function runs on arm64, about 20% cheaper per GB-second than x86_64. What it loads
 * natively is sharp (the share card, the LinkedIn crops) and sharp ships arm64 Linux builds; the
 * rest is JavaScript. The cost model prices the same workload.
 */
export const SITE_SERVER_ARCHITECTURE = WEB_SERVER_WORKLOAD.architecture;
export const SITE_SERVER_MEMORY_MB = WEB_SERVER_WORKLOAD.memoryMb;
export const SITE_SERVER_RUNTIME = 'nodejs22.x';

/** npm's name for an SST architecture. */
export function npmCpu(architecture: 'arm64' | 'x86_64'): 'arm64' | 'x64' {
  return architecture === 'arm64' ? 'arm64' : 'x64';
}

/** The site's environment variables that come from SST secrets (infra/secrets.ts), by secret name. */
export const SITE_ENVIRONMENT_SECRETS = {
  CLERK_SECRET_KEY: 'ClerkSecretKey',
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'ClerkPublishableKey',
  CLERK_JWT_KEY: 'ClerkJwtKey',
  CLERK_WEBHOOK_SIGNING_SECRET: 'ClerkWebhookSigningSecret',
} as const;

/**
 * The line SST's viewer-request CloudFront Function runs before it routes a request (its
 * `edge.viewerRequest.injection`): the origin secret, set on every request, over any value a client
 * sent. SST picks the server function as the origin inside that same function, with
 * cf.updateRequestOrigin, so a header set here reaches the origin, as SST's own x-forwarded-host does.
 */
export function originSecretInjection(originSecret: string): string {
  return `event.request.headers[${JSON.stringify(ORIGIN_SECRET_HEADER)}] = { value: ${JSON.stringify(originSecret)} };`;
}
