import http from 'node:http';
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { isDecodablePath } from '../middleware/decodable-path';
import { appEndpoints, type AppEndpoint } from './app-routes';
import { createAccount, loopbackAddress } from './helpers';
import { E2E_PORTS } from './ports';

/*
 * Bad query strings and path segments are a person's mistake (a link cut short, an address typed by
 * hand, a "next page" link from an old tab): every page and route answers them with a page, a
 * redirect, or a 400/404 with a sentence, never a 500. The requests go out byte for byte as written
 * (node:http, no URL normalisation), each from a loopback address of its own so that the share
 * routes' per-address limit never comes into it.
 */

const SEED = 20_261_206;
const RUNS = 300;

interface Answer {
  status: number;
  body: string;
}

function send(method: string, path: string, cookie: string | null): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { origin: `http://localhost:${E2E_PORTS.app}` };
    if (cookie) headers.cookie = cookie;
    if (method !== 'GET') headers['content-type'] = 'application/json';
    const request = http.request({ host: '127.0.0.1', port: E2E_PORTS.app, method, path, headers, localAddress: loopbackAddress() }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.once('error', reject);
    request.end(method === 'GET' ? undefined : '{}');
  });
}

async function sessionCookie(): Promise<string> {
  const { SESSION_COOKIE } = await import('../lib/auth');
  return `${SESSION_COOKIE}=${(await createAccount()).token}`;
}

// ---- What a person might send ---------------------------------------------------------------------

const HEX = [...'0123456789abcdefABCDEF'];
/** Characters a path segment or a query value may hold as they are (RFC 3986's pchar, without '%'). */
const plain = fc.constantFrom(...`AZaz09-._~!$&'()*+,;=:@`.split(''));
/** Percent signs that decode to nothing valid, and some that decode to something awkward. */
const escape = fc.oneof(
  fc.constantFrom('%', '%E0%A4%A', '%ff%fe', '%zz', '%c0%80', '%ed%a0%80', '%00', '%2F', '%5C', '%25', '%2e%2e', '%0A'),
  fc.tuple(fc.constantFrom(...HEX), fc.constantFrom(...HEX)).map(([high, low]) => `%${high}${low}`),
);
/** Any text, encoded properly: letters of every script, emoji, spaces. */
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).map(encodeURIComponent);
const piece = fc.oneof({ weight: 3, arbitrary: plain }, { weight: 3, arbitrary: escape }, { weight: 2, arbitrary: text });
const segment = fc.oneof(
  { weight: 12, arbitrary: fc.array(piece, { minLength: 1, maxLength: 10 }).map((pieces) => pieces.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('a'.repeat(3000), 'AbCdEfGhIjKl', 'img_0000000000000000000000', '.', '~') },
);
const queryKey = fc.oneof(fc.constantFrom('cursor', 'hidden', 'next', 'id', 'code', 'redirect_url', '__nextDataReq', '_rsc'), segment);
/** A query string: known names and others, repeated names, names without a value, values of any shape. */
const query = fc
  .array(fc.tuple(queryKey, fc.option(segment, { nil: null })), { minLength: 0, maxLength: 4 })
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => (value === null ? key : `${key}=${value}`)).join('&')}`));

/** The endpoint's pattern with each dynamic segment replaced: [id] by one segment, a catch-all by `rest` of them ([...rest] by at least one). */
function pathOf(endpoint: AppEndpoint, segments: string[], rest: number): string {
  const values = [...segments];
  const parts = endpoint.route.split('/').flatMap((part) => {
    if (/^\[\[\.\.\..+\]\]$/.test(part)) return values.splice(0, rest);
    if (/^\[\.\.\..+\]$/.test(part)) return values.splice(0, Math.max(1, rest));
    if (/^\[.+\]$/.test(part)) return values.splice(0, 1);
    return [part];
  });
  return parts.join('/') || '/';
}

const request = fc.record({
  endpoint: fc.constantFrom(...appEndpoints()),
  segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
  rest: fc.integer({ min: 0, max: 2 }),
  query,
  signedIn: fc.boolean(),
});

// ---- The properties -------------------------------------------------------------------------------

test('the addresses issue 23 names answer a page or a 404 with a sentence, not a 500', async () => {
  const cookie = await sessionCookie();
  // A cursor that does not parse is ignored: the first page.
  for (const path of ['/dashboard?cursor=abc', '/links?cursor=zzz', '/links?cursor=a&cursor=b', `/dashboard?cursor=${'x'.repeat(3000)}`]) {
    const answer = await send('GET', path, cookie);
    expect(answer.status, path).toBe(200);
  }
  expect((await send('GET', '/links?cursor=zzz', cookie)).body).toContain('No links yet');
  // Broken percent-encoding in a path: the page that says there is nothing there.
  for (const path of ['/images/%E0%A4%A', '/images/%E0%A4%A/analysis', '/people/%ff']) {
    const answer = await send('GET', path, cookie);
    expect(answer.status, path).toBe(404);
    expect(answer.body, path).toMatch(/could not be found|does not exist|not available/i);
  }
  // Well-formed addresses of nothing: the site's own page saying so, with the way back, not Next's bare default.
  for (const [path, signedIn] of [['/images/aaaaaaaaaaaaaaaa', true], ['/images/aaaaaaaaaaaaaaaa/analysis', true], ['/people/nobody', true], ['/no-such-page', false]] as const) {
    const answer = await send('GET', path, signedIn ? cookie : null);
    expect(answer.status, path).toBe(404);
    expect(answer.body, path).toMatch(/could not be found/i);
    expect(answer.body, path).toContain('Back to your photos');
  }
  // A share path that is not UTF-8: the share routes' own "not available".
  for (const path of ['/s/%ff%fe', '/s/%ff%fe/photo.jpg', '/s/%E0%A4%A/card.jpg']) {
    const answer = await send('GET', path, null);
    expect(answer.status, path).toBe(404);
    expect(answer.body, path).toMatch(/not available/i);
  }
});

test('no random query string or path segment makes any page or route answer 500', async () => {
  test.setTimeout(120_000);
  const cookie = await sessionCookie();
  const started = Date.now();
  const statuses = new Map<number, number>();
  let undecodable = 0;
  console.log(`bad input: ${RUNS} requests over ${appEndpoints().length} pages and routes, seed ${SEED}`);
  await fc.assert(
    fc.asyncProperty(request, async ({ endpoint, segments, rest, query: search, signedIn }) => {
      const path = `${pathOf(endpoint, segments, rest)}${search}`;
      const answer = await send(endpoint.method, path, signedIn ? cookie : null);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (!isDecodablePath(path.split('?')[0]!)) undecodable += 1;
      expect(answer.status, `${endpoint.method} ${path} ${signedIn ? 'signed in' : 'signed out'} answered ${answer.status}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  const seen = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${count}×${status}`);
  console.log(`bad input: ${RUNS} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (${undecodable} with a path that does not decode): ${seen.join(', ')}`);
  // The generator must reach what the test is about: paths that do not decode, and pages that render.
  expect(undecodable).toBeGreaterThan(RUNS / 10);
  expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 10);
});
