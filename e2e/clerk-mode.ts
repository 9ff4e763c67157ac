import type { BrowserContext, Page } from '@playwright/test';
import { CLERK_FRONTEND_HOST, clerkSessionCookies, generateClerkKeys, type ClerkKeys } from '../scripts/deploy-check/clerk-instance';
import { e2eMediaSigningKey } from './media-key';
import { E2E_CLERK_PORT } from './ports';

/*
 * The e2e suite in Clerk mode: the same build on a second server (e2e/clerk-server.ts), signed in to
 * with session tokens minted here, and Clerk's frontend script answered by a stand-in, since it
 * cannot be downloaded here. Chromium enforces the page's policy on the stand-in as it would on Clerk's own.
 */

export const CLERK_BASE = `http://localhost:${E2E_CLERK_PORT}`;

/**
 * The suite's Clerk key pair: made once by the Playwright runner (its config calls this), which passes
 * it on to the Clerk-mode server (the public half) and to its workers (in their environment).
 */
export function e2eClerkKeys(): ClerkKeys {
  process.env.HEADSHOT_E2E_CLERK_KEYS ??= JSON.stringify(generateClerkKeys());
  return JSON.parse(process.env.HEADSHOT_E2E_CLERK_KEYS) as ClerkKeys;
}

/**
 * A web server of playwright.config.ts, listed first and without a URL: Playwright starts its web
 * servers one after the other, each once the one before answers, so this one starts while the suite's
 * own server is starting, and the specs that visit it wait for it themselves (clerkModeReady).
 */
export function clerkModeServer() {
  return {
    command: 'npx tsx e2e/clerk-server.ts',
    stdout: 'pipe' as const,
    env: { CLERK_JWT_KEY: e2eClerkKeys().publicKey, MEDIA_SIGNING_KEY: e2eMediaSigningKey() },
  };
}

const READY_TIMEOUT_MS = 120_000;
let ready: Promise<void> | null = null;

/** Resolves once the Clerk-mode server answers (it serves sign-in), or fails saying it never did. */
export function clerkModeReady(): Promise<void> {
  ready ??= (async () => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const answered = await fetch(`${CLERK_BASE}/sign-in`).then((response) => response.ok, () => false);
      if (answered) return;
      if (Date.now() > deadline) throw new Error(`The Clerk-mode server (e2e/clerk-server.ts) did not answer on ${CLERK_BASE} within ${READY_TIMEOUT_MS / 1000} s; its output is in the web server's log.`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return ready;
}

/** A Cookie header for a browser signed in to Clerk as `userId` (a deleted user's included: the token stays valid until it expires). */
export async function clerkCookieHeader(userId: string): Promise<string> {
  const cookies = await clerkSessionCookies(e2eClerkKeys(), { userId, origin: CLERK_BASE, lifetimeSeconds: 600 });
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/** Signs a browser context in to the Clerk-mode server as `userId`. */
export async function signInWithClerk(context: BrowserContext, userId: string): Promise<void> {
  const cookies = await clerkSessionCookies(e2eClerkKeys(), { userId, origin: CLERK_BASE, lifetimeSeconds: 600 });
  await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: CLERK_BASE })));
}

/**
 * Clerk's script and its UI script, as small stand-ins: enough of ClerkJS for @clerk/react to load it
 * (`load()`, listeners) and of the UI for it to be constructed. Served with CORS, as Clerk's CDN does,
 * since the tags ask for them with crossorigin="anonymous".
 */
const CLERK_JS_STAND_IN = `(() => {
  const state = { client: undefined, session: null, user: null, organization: null };
  const clerk = {
    loaded: false, status: 'loading', version: 'stand-in', instanceType: 'production', frontendApi: '${CLERK_FRONTEND_HOST}', ...state,
    async load() { this.loaded = true; this.status = 'ready'; },
    addListener(listener) { listener?.(state); return () => {}; },
  };
  window.Clerk = new Proxy(clerk, { get: (target, key) => (key in target || key === 'then' || typeof key === 'symbol' ? target[key] : () => undefined) });
})();`;
const CLERK_UI_STAND_IN = 'window.__internal_ClerkUICtor = class ClerkUIStandIn {};';

/** Routes Clerk's Frontend API host to the stand-ins for this page; the URLs it served are listed. */
export async function routeClerkFrontend(page: Page): Promise<string[]> {
  const served: string[] = [];
  await page.route(`https://${CLERK_FRONTEND_HOST}/**`, async (route) => {
    const url = route.request().url();
    served.push(url);
    const body = url.includes('/clerk-js@') ? CLERK_JS_STAND_IN : url.includes('/ui@') ? CLERK_UI_STAND_IN : null;
    if (body === null) return route.fulfill({ status: 404, body: '' });
    await route.fulfill({ status: 200, contentType: 'application/javascript', headers: { 'access-control-allow-origin': '*' }, body });
  });
  return served;
}
