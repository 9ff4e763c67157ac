import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { createAccount, screenshotPath, signInAs } from './helpers';

connectE2eCloud();

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * An account with three links, written through lib/db as the app writes them (the server's clock
 * cannot be moved, so the ended ones are written ended): one working for a week (the clean copy, with
 * downloads: the widest row), one that expired 30 hours ago, one revoked an hour ago. No photo is needed to list them.
 */
async function accountWithLinks() {
  const account = await createAccount();
  const { findUserByEmail, insertLink } = await import('../lib/db');
  const { newLinkCode, GONE_RETENTION_MS } = await import('../lib/links');
  const { userId } = (await findUserByEmail(account.email))!;
  const now = Date.now();
  const link = (fileName: string, times: { createdAt: number; validUntil?: number; revokedAt?: number; expiresAt?: number; watermarked?: boolean; allowDownload?: boolean }) => ({
    code: newLinkCode(),
    userId,
    imageId: `img_${fileName.replace(/\W/g, '')}`,
    fileName,
    variant: 'w640-public',
    watermarked: true,
    width: 640,
    height: 480,
    webpKey: 'images/none/w640.webp',
    jpegKey: 'images/none/w640.jpeg',
    previewKey: 'images/none/card.jpg',
    allowDownload: false,
    expiry: '7d' as const,
    ...times,
  });
  // Ended 30 h ago rather than 24: a TTL one day short of the retention sits on a day boundary, where a second's rounding decides between 29 and 30.
  const expiredAt = now - 30 * HOUR;
  const revokedAt = now - HOUR;
  const codes = {
    active: (await insertLink(
      link('a-rather-long-holiday-portrait-name.jpg', { createdAt: now - 3 * DAY, validUntil: now + 7 * DAY, expiresAt: Math.ceil((now + 7 * DAY + GONE_RETENTION_MS) / 1000), watermarked: false, allowDownload: true }),
    ))!.code,
    expired: (await insertLink(link('expired.jpg', { createdAt: now - 8 * DAY, validUntil: expiredAt, expiresAt: Math.ceil((expiredAt + GONE_RETENTION_MS) / 1000) })))!.code,
    revoked: (await insertLink(link('revoked.jpg', { createdAt: now - 2 * DAY, validUntil: now + 5 * DAY, revokedAt, expiresAt: Math.ceil((revokedAt + GONE_RETENTION_MS) / 1000) })))!.code,
  };
  return { account, codes };
}

async function seriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test.describe('on a 375-px phone, in the dark', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, colorScheme: 'dark' });

  test('My links is a stack of cards with every field and action in view, ended links marked, nothing scrolling sideways', async ({ page }) => {
    const { account, codes } = await accountWithLinks();
    await signInAs(page, account);
    await page.goto('/links');

    const rows = page.getByTestId('link-row');
    await expect(rows).toHaveCount(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // Nothing sticks out of its card either.
    const outside = await rows.evaluateAll((cards) =>
      cards.flatMap((card) => {
        const edge = card.getBoundingClientRect();
        return [...card.querySelectorAll('*')].filter((part) => part.getBoundingClientRect().right > edge.right + 0.5).map((part) => `${part.tagName} "${part.textContent}"`);
      }),
    );
    expect(outside).toEqual([]);
    // The table's header is for wide screens; each card labels its own fields.
    await expect(page.getByRole('columnheader', { name: 'Views' })).toBeHidden();

    const active = rows.and(page.locator(`[data-code="${codes.active}"]`));
    for (const part of [active.getByRole('link', { name: `/s/${codes.active}` }), active.getByText('Views'), active.getByTestId('link-views'), active.getByText('in 7 days'), active.getByRole('button', { name: /Revoke/ })]) {
      await expect(part).toBeInViewport();
      const box = (await part.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
    }

    const expired = rows.and(page.locator(`[data-code="${codes.expired}"]`));
    await expect(expired).toHaveAttribute('data-state', 'expired');
    await expect(expired.getByText('Expired 30 h ago')).toBeVisible();
    await expect(expired.getByTestId('link-listed-until')).toHaveText('Listed for 29 more days');
    await expect(expired.getByRole('button', { name: /Revoke/ })).toHaveCount(0);

    const revoked = rows.and(page.locator(`[data-code="${codes.revoked}"]`));
    await expect(revoked).toHaveAttribute('data-state', 'revoked');
    await expect(revoked.getByText('Revoked 1 h ago')).toBeVisible();
    await expect(revoked.getByTestId('link-listed-until')).toHaveText('Listed for 30 more days');
    await expect(revoked.getByRole('link', { name: `/s/${codes.revoked}` })).toHaveCount(0);

    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('my-links-mobile-dark.png'), fullPage: true });

    // Revoking from the card: the link stays, now marked revoked.
    await active.getByRole('button', { name: /Revoke/ }).click();
    await page.getByRole('dialog', { name: 'Revoke this link?' }).getByRole('button', { name: 'Revoke link' }).click();
    await expect(active).toHaveAttribute('data-state', 'revoked');
    await expect(active.getByText(/^Revoked just now$/)).toBeVisible();
    // Kept on the list for the 30 days the page promises, not "31" for the second it was stored rounded up.
    await expect(active.getByTestId('link-listed-until')).toHaveText('Listed for 30 more days');
    await expect(rows).toHaveCount(3);
  });
});

test('up to 1023 px My links stays a stack of cards; from 1024 px up it is a table that needs no sideways scroll either', async ({ page }) => {
  const { account } = await accountWithLinks();
  await signInAs(page, account);
  for (const width of [768, 1024, 1280]) {
    await page.setViewportSize({ width, height: 768 });
    await page.goto('/links');
    await expect(page.getByTestId('link-row')).toHaveCount(3);
    await expect(page.getByRole('columnheader', { name: 'Views' })).toBeVisible({ visible: width >= 1024 });
    const overflow = await page.getByRole('table', { name: 'Links' }).evaluate((table) => table.parentElement!.scrollWidth - table.parentElement!.clientWidth);
    expect(overflow, `at ${width} px the list is ${overflow} px wider than its box`).toBeLessThanOrEqual(0);
    await expect(page.getByRole('button', { name: /Revoke/ })).toBeInViewport();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath(`my-links-${width}.png`) });
  }
});
