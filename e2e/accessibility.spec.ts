import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { contextSignedInAs, test } from './helpers';

/*
 * axe on every screen, in the light and the dark scheme: any serious or critical violation fails.
 * The screens are those of the suite's swept account (a ready photo, its analysis, a share link; made
 * once for this spec and the mobile one) and of an empty one; the signed-out screens use a browser that
 * never signed in.
 */

const SCHEMES = ['light', 'dark'] as const;

interface Screen {
  name: string;
  signedIn: boolean;
  path: () => string;
  /** Waits until the screen has what it shows once settled, so axe sees the page people see. */
  ready?: (page: Page) => Promise<void>;
}

let account: BrowserContext;
let emptyAccount: BrowserContext;
const made = { imageId: '', sharePath: '' };

const SCREENS: Screen[] = [
  { name: 'landing', signedIn: false, path: () => '/' },
  { name: 'sign in', signedIn: false, path: () => '/sign-in' },
  { name: 'sign up', signedIn: false, path: () => '/sign-up' },
  { name: 'API reference', signedIn: false, path: () => '/docs/api' },
  { name: 'share page', signedIn: false, path: () => made.sharePath, ready: (page) => expect(page.getByTestId('shared-photo')).toBeVisible() },
  { name: 'dashboard, empty', signedIn: true, path: () => '/dashboard', ready: (page) => expect(page.getByTestId('empty-state')).toBeVisible() },
  {
    name: 'dashboard with photos',
    signedIn: true,
    path: () => '/dashboard',
    ready: (page) => expect(page.getByTestId('image-card').first()).toHaveAttribute('data-status', 'ready'),
  },
  {
    name: 'photo detail',
    signedIn: true,
    path: () => `/images/${made.imageId}`,
    ready: (page) => expect(page.getByTestId('face-index-status')).toHaveAttribute('data-state', 'done', { timeout: 30_000 }),
  },
  { name: 'LinkedIn analysis', signedIn: true, path: () => `/images/${made.imageId}/analysis`, ready: (page) => expect(page.getByTestId('face-count')).toBeVisible() },
  { name: 'people', signedIn: true, path: () => '/people' },
  { name: 'links', signedIn: true, path: () => '/links', ready: (page) => expect(page.getByTestId('link-row')).toHaveCount(1) },
  { name: 'settings', signedIn: true, path: () => '/settings' },
];

test.beforeAll(async ({ browser, sweptAccount, emptyAccount: empty }) => {
  emptyAccount = await contextSignedInAs(browser, empty);
  account = await contextSignedInAs(browser, sweptAccount);
  Object.assign(made, sweptAccount);
});

test.afterAll(async () => {
  await account?.close();
  await emptyAccount?.close();
});

for (const screen of SCREENS) {
  // One visit, both schemes: the scheme is switched in place, as the system setting switches it.
  test(`${screen.name}, light and dark, has no serious or critical axe violation`, async ({ browser }) => {
    const context = screen.name === 'dashboard, empty' ? emptyAccount : screen.signedIn ? account : await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(screen.path());
      await screen.ready?.(page);
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        // Legacy mode checks the page's own frame only, in half the time; the app's pages embed no frames.
        const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
        const serious = violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => ({ rule: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary}`) }));
        expect(serious, `${scheme}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
      }
      // Every picture says what it is, or is marked as decoration.
      expect(await page.locator('img:not([alt])').count()).toBe(0);
    } finally {
      await page.close();
      if (!screen.signedIn) await context.close();
    }
  });
}
