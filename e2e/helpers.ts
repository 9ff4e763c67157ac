import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** Creates a fresh local account and lands on the dashboard. */
export async function signUp(page: Page): Promise<string> {
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
