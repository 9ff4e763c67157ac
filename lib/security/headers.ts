/*
 * The security headers of every response, in one place. next.config.ts sends the static ones on every
 * path (pages, routes, the share pages, static files); the proxy adds the Content-Security-Policy of
 * pages, whose script nonce changes per request; the share pages send their own, stricter one.
 */

/** Sent on every response. HSTS is ignored by browsers over plain http, so sending it always costs nothing locally. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  // Older browsers that predate CSP's frame-ancestors.
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export interface PageCspInput {
  /** A fresh random value per response; Next.js puts it on every script it renders. */
  nonce: string;
  /** Where photos are read from and uploaded to: the buckets' origins, as presigned URLs name them. */
  storageOrigins: string[];
  /** Clerk's frontend API origin, when Clerk is the sign-in. */
  clerkOrigin: string | null;
  /** The live-updates endpoint (AWS IoT's, or the local broker's), which pages open a WebSocket to. */
  liveOrigin: string | null;
  /** Under `next dev`: React's dev tools evaluate code, and hot reloading opens a WebSocket. */
  development: boolean;
}

/**
 * The pages' policy: scripts only with this response's nonce (and what they load, 'strict-dynamic'),
 * images and uploads only to the site and the buckets, no framing by anyone, no plugins.
 */
export function pageContentSecurityPolicy({ nonce, storageOrigins, clerkOrigin, liveOrigin, development }: PageCspInput): string {
  const clerk = clerkOrigin ? [clerkOrigin] : [];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...clerk, ...(development ? ["'unsafe-eval'"] : [])],
    // Tailwind's classes are a stylesheet; React and Clerk set inline style attributes.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...storageOrigins, ...(clerkOrigin ? ['https://img.clerk.com'] : [])],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...storageOrigins, ...clerk, ...(liveOrigin ? [liveOrigin] : []), ...(development ? ['ws:'] : [])],
    'frame-src': clerkOrigin ? ['https://challenges.cloudflare.com'] : ["'none'"],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Clerk's frontend API origin, which its publishable key carries base64-encoded ("pk_live_<base64 of host$>"). */
export function clerkFrontendOrigin(publishableKey: string): string | null {
  const encoded = publishableKey.replace(/^pk_(test|live)_/, '');
  const host = Buffer.from(encoded, 'base64').toString('utf8').replace(/\$$/, '');
  return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? `https://${host}` : null;
}
