import http from 'node:http';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { E2E_PORTS } from './ports';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/**
 * A fresh local account, signed in: made through lib/ (as the sign-up form would make it), with its
 * session cookie set in the page's browser, which then opens the dashboard. The form itself is
 * limited per address, so only the specs about signing up use it (signUpThroughForm).
 */
export async function signUp(page: Page): Promise<string> {
  connectE2eCloud();
  const { signUp: createAccount, startSession, SESSION_COOKIE } = await import('../lib/auth');
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const account = await createAccount({ email, password: 'correct horse battery' }, { address: `e2e-${email}` });
  const { token } = await startSession(account);
  await page.context().addCookies([{ name: SESSION_COOKIE, value: token, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/dashboard$/);
  return email;
}

/** Creates a fresh local account through the sign-up form and lands on the dashboard. */
export async function signUpThroughForm(page: Page): Promise<string> {
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return email;
}

/** Uploads fixtures through the real file input. */
export async function upload(page: Page, ...fixtures: string[]) {
  await page.getByTestId('file-input').setInputFiles(fixtures.map((f) => path.join(FIXTURES, f)));
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
