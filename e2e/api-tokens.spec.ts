import { expect } from '@playwright/test';
import { signUp, test } from './helpers';

test('a token made in Settings is shown once, opens the API with its permissions, shows its last use, and stops at once when revoked', async ({ page }) => {
  await signUp(page);
  await page.goto('/settings');
  const panel = page.getByRole('region', { name: 'API tokens' });
  await panel.getByLabel('Name').fill('Nightly export script');
  await panel.getByRole('button', { name: 'Make a token' }).click();

  const shown = panel.getByTestId('new-api-token');
  await expect(shown).toContainText('It is shown this once');
  const token = await shown.getByLabel('The new token').inputValue();
  expect(token).toMatch(/^hst_/);
  const row = panel.getByTestId('api-token').filter({ hasText: 'Nightly export script' });
  await expect(row).toContainText('images:read');
  await expect(row).toContainText('never used');

  // The token, from outside the browser: it reads the (empty) library, and nothing its scope does not allow.
  const api = (path: string) => page.request.get(path, { headers: { authorization: `Bearer ${token}` } });
  const list = await api('/api/v1/images');
  expect([list.status(), await list.json()]).toEqual([200, { items: [], nextCursor: null }]);
  await page.reload();
  await expect(row).toContainText('last used');
  // Not shown again once the page has been left.
  await expect(panel.getByTestId('new-api-token')).toHaveCount(0);
  expect(await page.content()).not.toContain(token.split('.').at(-1)!);

  await row.getByRole('button', { name: 'Revoke Nightly export script' }).click();
  await expect(row).toHaveCount(0);
  const refused = await api('/api/v1/images');
  expect([refused.status(), refused.headers()['content-type'], (await refused.json()).type]).toEqual([401, 'application/problem+json', '/api/v1/problems/invalid-token']);
});
