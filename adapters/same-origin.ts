import 'server-only';

/**
 * Whether a state-changing or costly request comes from the site's own pages. Server actions get this
 * check from Next.js; route handlers that read the session cookie make it here. Browsers send
 * Sec-Fetch-Site on every request, and Origin on every POST; either naming another site refuses it.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') return false;
  const origin = request.headers.get('origin');
  if (!origin) return site === 'same-origin';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
