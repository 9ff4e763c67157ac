import { NextResponse } from 'next/server';
import type { LinkAccessCookie } from '@/lib/links';
import { passwordPage, PASSWORD_PAGE_CSP, SHARE_PAGE_CSP, tooManyRequestsPage, UNAVAILABLE_PAGE } from './share-document';

/** Nothing about a link may outlive a revoke in a shared cache, and signed URLs expire: never stored. */
export const NO_STORE = 'private, no-store';

const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': NO_STORE,
  'X-Robots-Tag': 'noindex, nofollow',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': SHARE_PAGE_CSP,
};

export function htmlResponse(body: string, status: number, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...HTML_HEADERS, ...headers } });
}

/** 404 for unknown and revoked codes, 410 for expired ones; the body is the same. */
export function unavailable(state: 'not-found' | 'expired'): Response {
  return htmlResponse(UNAVAILABLE_PAGE, state === 'expired' ? 410 : 404);
}

/** A file of a link that is not there (any more): its status, and nothing kept anywhere. */
export function fileUnavailable(state: 'not-found' | 'expired'): Response {
  return new Response('Not available', { status: state === 'expired' ? 410 : 404, headers: { 'Cache-Control': NO_STORE, 'Content-Type': 'text/plain' } });
}

/** A file of a link, as lib/links read it: its bytes, with what caches may keep of it, under the name a download gets. */
export function fileResponse(file: { body: Buffer; contentType: string; cacheControl: string; downloadName: string | null }): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.body.length),
      'Cache-Control': file.cacheControl,
      ...(file.downloadName ? { 'Content-Disposition': `attachment; filename="${file.downloadName}"` } : {}),
    },
  });
}

/** A file of a protected link asked for without its access cookie: nothing of it, and nothing kept. */
export function fileLocked(): Response {
  return new Response('This link needs its password', { status: 403, headers: { 'Cache-Control': NO_STORE, 'Content-Type': 'text/plain' } });
}

export function tooManyRequests(retryAfterSeconds: number): Response {
  return htmlResponse(tooManyRequestsPage(retryAfterSeconds), 429, { 'Retry-After': String(retryAfterSeconds) });
}

/** A protected link's form; `status` 200 for a first visit, 401 after a wrong password, 429 when limited. */
export function passwordForm(options: { origin: string; code: string; error?: string; referer?: string | null; status?: number; retryAfterSeconds?: number }): Response {
  return htmlResponse(passwordPage(options), options.status ?? 200, {
    'Content-Security-Policy': PASSWORD_PAGE_CSP,
    ...(options.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(options.retryAfterSeconds) }),
  });
}

/** After the right password: back to the page, with the link's access cookie. */
export function unlocked(path: string, cookie: LinkAccessCookie): Response {
  const response = new NextResponse(null, { status: 303, headers: { Location: path, 'Cache-Control': NO_STORE } });
  const { name, value, ...attributes } = cookie;
  response.cookies.set(name, value, attributes);
  return response;
}
