import { WEB_SERVER_WORKLOAD } from '../lib/cost/workload';

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

/** CloudFront appends the viewer's address to X-Forwarded-For: the one proxy the site trusts (lib/config.ts). */
export const SITE_TRUSTED_PROXY_HOPS = 1;
