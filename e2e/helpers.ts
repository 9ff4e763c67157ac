import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { E2E_PORTS } from './ports';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/**
 * A fresh local account, made through lib/ (as the sign-up form would make it), with a session. The
 * form itself is limited per address, so only the specs about signing up use it (signUpThroughForm).
 */
export async function createAccount(): Promise<{ email: string; token: string }> {
  connectE2eCloud();
  const { signUp: createLocalAccount, startSession } = await import('../lib/auth');
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const account = await createLocalAccount({ email, password: 'correct horse battery' }, { address: `e2e-${email}` });
  const { token } = await startSession(account);
  return { email, token };
}

/** Sets an account's session cookie in the page's browser, which then opens the dashboard. */
export async function signInAs(page: Page, account: { token: string }): Promise<void> {
  const { SESSION_COOKIE } = await import('../lib/auth');
  await page.context().addCookies([{ name: SESSION_COOKIE, value: account.token, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** A browser context holding an account's session cookie, without a visit. */
export async function contextSignedInAs(browser: Browser, account: { token: string }, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const { SESSION_COOKIE } = await import('../lib/auth');
  const context = await browser.newContext(options);
  await context.addCookies([{ name: SESSION_COOKIE, value: account.token, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

/** A fresh local account, signed in, on the dashboard: for tests that look at the whole library or the account. */
export async function signUp(page: Page): Promise<string> {
  const account = await createAccount();
  await signInAs(page, account);
  return account.email;
}

/**
 * One account for the whole worker, for tests that only look at what they make themselves (a photo
 * they upload, its pages): making an account costs a password hash, which is slow on purpose.
 */
/** An account with what every screen shows once settled: one ready photo, its LinkedIn check and one share link. */
export interface SweptAccount {
  token: string;
  fileName: string;
  imageId: string;
  sharePath: string;
}

export const test = base.extend<object, { sharedAccount: { email: string; token: string }; sweptAccount: SweptAccount; emptyAccount: { email: string; token: string } }>({
  sharedAccount: [async ({}, use) => use(await createAccount()), { scope: 'worker' }],
  // The specs that sweep every screen (accessibility, mobile) look at the same things, made once: an upload, a check and a link cost seconds.
  sweptAccount: [
    async ({ browser }, use) => {
      const account = await createAccount();
      const context = await contextSignedInAs(browser, account);
      const page = await context.newPage();
      await page.goto('/dashboard');
      const fileName = 'swept.png';
      await uploadAs(page, 'faces/astronaut.png', fileName);
      const card = page.getByTestId('image-card').filter({ hasText: fileName });
      await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
      const made = await analyseAndShare(page, card);
      await context.close();
      await use({ token: account.token, fileName, ...made });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  emptyAccount: [async ({}, use) => use(await createAccount()), { scope: 'worker' }],
});

/** Creates a fresh local account through the sign-up form and lands on the dashboard (within `timeout` ms: `next dev` compiles it first). */
export async function signUpThroughForm(page: Page, { timeout }: { timeout?: number } = {}): Promise<string> {
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout });
  return email;
}

/** Uploads fixtures through the real file input. */
export async function upload(page: Page, ...fixtures: string[]) {
  await page.getByTestId('file-input').setInputFiles(fixtures.map((f) => path.join(FIXTURES, f)));
}

/** Uploads a fixture under a name of the test's own, for tests that share an account and must tell their photo apart. */
export async function uploadAs(page: Page, fixture: string, name: string) {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: mimeTypeOf(fixture), buffer: await readFile(path.join(FIXTURES, fixture)) });
}

function mimeTypeOf(file: string): string {
  const types: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif' };
  const type = types[path.extname(file).toLowerCase()];
  if (!type) throw new Error(`No content type for ${file}`);
  return type;
}

/** A file for the page to build: a fixture's bytes, or a size of zeros (for files too big to read in). */
export type PageFile = { name: string; type: string } & ({ fixture: string } | { zeros: number });

/** Builds a DataTransfer holding these files inside the page, as the browser makes one for a drag or a paste. */
async function dataTransferOf(page: Page, files: PageFile[]) {
  const payload = await Promise.all(
    files.map(async (file) => ({ name: file.name, type: file.type, ...('fixture' in file ? { base64: (await readFile(path.join(FIXTURES, file.fixture))).toString('base64') } : { zeros: file.zeros }) })),
  );
  return page.evaluateHandle((files) => {
    const transfer = new DataTransfer();
    for (const file of files) {
      const bytes = 'base64' in file ? Uint8Array.from(atob(file.base64!), (c) => c.charCodeAt(0)) : new Uint8Array(file.zeros!);
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    return transfer;
  }, payload);
}

/** Waits until the dashboard takes drops and pastes: events sent before its script runs are lost, as they would be for a person. */
function uploadsListening(page: Page) {
  return expect(page.locator('[data-testid="upload-area"][data-listening]')).toBeAttached();
}

/** Drags files over the page and drops them on target, with the events a real drag sends. */
export async function dropFiles(page: Page, target: Locator, files: PageFile[]) {
  await uploadsListening(page);
  const dataTransfer = await dataTransferOf(page, files);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

/** Pastes files as the clipboard would, with the focus wherever it is. */
export async function pasteFiles(page: Page, files: PageFile[]) {
  await uploadsListening(page);
  const clipboardData = await dataTransferOf(page, files);
  await page.evaluate((clipboardData) => {
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, clipboardData);
}

/**
 * Holds every PUT to storage until released, so that an upload stays in flight for as long as a
 * test needs (to see its progress, to cancel it). Released PUTs go through unchanged.
 */
export async function holdUploads(page: Page): Promise<{ release: () => void; held: () => number }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let count = 0;
  await page.route(`http://127.0.0.1:${E2E_PORTS.s3}/**`, async (route) => {
    if (route.request().method() === 'PUT') {
      count++;
      await gate;
    }
    // An upload cancelled meanwhile was aborted by the page: there is nothing left to continue.
    await route.continue().catch(() => undefined);
  });
  return { release, held: () => count };
}

/** Makes the page's uploads crawl at this many bytes a second, as on a slow line, so that their progress can be watched. */
export async function slowUploads(page: Page, bytesPerSecond: number) {
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Network.enable');
  await devtools.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}

/**
 * Where the README's screenshots go: docs/ when refreshing them (`npm run screenshots`), else
 * test-results/, so that a test run leaves the working tree as it found it.
 */
export function screenshotPath(name: string): string {
  return path.join(process.env.README_SCREENSHOTS ? 'docs' : 'test-results', name);
}

/**
 * A GET from a loopback address of the test's choosing (127.0.0.0/8 all reaches this machine), so that
 * per-address limits see distinct clients whatever X-Forwarded-For says.
 */
export function getFrom(address: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: E2E_PORTS.app, path, localAddress: address, headers }, (response) => {
      response.resume();
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    request.once('error', reject);
  });
}

/** A loopback address of its own for each test, so one test's visits never count against another's. */
export function loopbackAddress(): string {
  return `127.0.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
}

/**
 * Set-up for the specs that sweep every page: runs the LinkedIn check of a ready card's photo, then
 * makes a share link of it; the page is left on the photo's page.
 */
export async function analyseAndShare(page: Page, card: Locator): Promise<{ imageId: string; sharePath: string }> {
  await card.getByRole('button', { name: 'LinkedIn check' }).click();
  await expect(page.getByTestId('face-count')).toBeVisible({ timeout: ANALYSIS_WAIT_MS });
  const imageId = page.url().match(/\/images\/([^/]+)\/analysis$/)![1]!;
  await page.goto(`/images/${imageId}`);
  const share = page.getByRole('region', { name: 'Share' });
  await share.getByRole('button', { name: 'Create link' }).click();
  return { imageId, sharePath: (await share.getByTestId('share-link').textContent())! };
}

/** Uploads a fixture from the dashboard, waits until its card says ready, and opens the photo's page. */
export async function openUploadedPhoto(page: Page, fixture: string): Promise<void> {
  await upload(page, fixture);
  const card = page.getByTestId('image-card').filter({ hasText: path.basename(fixture) });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await card.click();
}

/**
 * How long a spec waits for a LinkedIn check to show: set-up, not a latency check. On CI's two cores the
 * analysis may queue behind the face indexing of photos other specs just uploaded (it took over 30 s once).
 */
export const ANALYSIS_WAIT_MS = 60_000;
