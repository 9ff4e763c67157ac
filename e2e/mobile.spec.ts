import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { contextSignedInAs, screenshotPath, test } from './helpers';

/*
 * Every screen on a 375-px phone, in the light scheme and then the dark one (switched without a
 * reload, as the system setting switches it): neither the page nor any box in it scrolls sideways,
 * every link, button and field lies inside the screen's width, and axe's color-contrast rule finds
 * no text below WCAG AA and none it cannot judge. The photo, its analysis and its link are the suite's
 * swept account's (made once for this spec and the accessibility one); the empty dashboard is an
 * account of its own; signed-out screens use a browser that never signed in.
 */

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
test.use(PHONE);

type Visitor = 'signed out' | 'with photos' | 'empty';

interface Screen {
  name: string;
  visitor: Visitor;
  path: () => string;
  /** Waits until the screen shows what it shows once settled, so the checks see the page people see. */
  ready?: (page: Page) => Promise<void>;
  /** A README picture taken of it, in this scheme. */
  screenshot?: { scheme: 'light' | 'dark'; file: string };
}

const made = { imageId: '', sharePath: '', fileName: '' };

const SCREENS: Screen[] = [
  { name: 'landing', visitor: 'signed out', path: () => '/' },
  { name: 'sign in', visitor: 'signed out', path: () => '/sign-in' },
  { name: 'sign up', visitor: 'signed out', path: () => '/sign-up' },
  { name: 'account deleted', visitor: 'signed out', path: () => '/account-deleted' },
  { name: 'API reference', visitor: 'signed out', path: () => '/docs/api' },
  { name: 'share page', visitor: 'signed out', path: () => made.sharePath, ready: (page) => expect(page.getByTestId('shared-photo')).toBeVisible() },
  { name: 'dashboard, empty', visitor: 'empty', path: () => '/dashboard', ready: (page) => expect(page.getByTestId('empty-state')).toBeVisible() },
  {
    name: 'dashboard with photos',
    visitor: 'with photos',
    path: () => '/dashboard',
    ready: async (page) => {
      const card = page.getByTestId('image-card').filter({ hasText: made.fileName });
      await expect(card).toHaveAttribute('data-status', 'ready');
      // Two points a pixel: the grid's larger WebP is the one loaded.
      await expect.poll(() => card.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.currentSrc)).toMatch(/\/media\/usr_[A-Za-z0-9_-]+\/images\/[A-Za-z0-9_-]+\/w640\.webp$/);
    },
    screenshot: { scheme: 'light', file: 'mobile.png' },
  },
  {
    name: 'photo',
    visitor: 'with photos',
    path: () => `/images/${made.imageId}`,
    ready: (page) => expect(page.getByTestId('face-index-status')).toHaveAttribute('data-state', 'done', { timeout: 30_000 }),
  },
  {
    name: 'LinkedIn check, with the LinkedIn-ready panel',
    visitor: 'with photos',
    path: () => `/images/${made.imageId}/analysis`,
    ready: async (page) => {
      await expect(page.getByTestId('face-count')).toBeVisible();
      await expect(page.getByTestId('ready-panel')).toBeVisible();
    },
  },
  { name: 'people', visitor: 'with photos', path: () => '/people' },
  { name: 'links', visitor: 'with photos', path: () => '/links', ready: (page) => expect(page.getByTestId('link-row').first()).toBeVisible() },
  { name: 'settings', visitor: 'with photos', path: () => '/settings' },
];

const contexts = new Map<Visitor, BrowserContext>();

test.beforeAll(async ({ browser, sweptAccount, emptyAccount }) => {
  contexts.set('signed out', await browser.newContext(PHONE));
  contexts.set('empty', await contextSignedInAs(browser, emptyAccount, PHONE));
  contexts.set('with photos', await contextSignedInAs(browser, sweptAccount, PHONE));
  Object.assign(made, sweptAccount);
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.close();
});

for (const screen of SCREENS) {
  test(`${screen.name}: at 375 px, light and dark, nothing scrolls sideways and every text has its contrast`, async () => {
    const page = await contexts.get(screen.visitor)!.newPage();
    try {
      await page.goto(screen.path());
      await screen.ready?.(page);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await page.evaluate(sidewaysProblems), `${screen.name} (${scheme})`).toEqual([]);
        expect(await contrastProblems(page), `${screen.name} (${scheme})`).toEqual([]);
        if (screen.screenshot?.scheme === scheme) await page.screenshot({ path: screenshotPath(screen.screenshot.file), fullPage: true });
      }
    } finally {
      await page.close();
    }
  });
}

/**
 * Text axe finds below WCAG AA contrast, and text it could not judge: over a picture, or in the very
 * colour of its background (where a light page's ink lands on a dark page). Only marks such as ✓ and
 * ✕, which carry a label of their own, are let through.
 */
async function contrastProblems(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page itself, without a blank page of its own to finish in: these pages have no frames to gather.
  const { violations, incomplete } = await new AxeBuilder({ page }).withRules(['color-contrast']).setLegacyMode(true).analyze();
  return [...violations, ...incomplete].flatMap((result) =>
    result.nodes
      .filter((node) => !node.any.every((check) => (check.data as { messageKey?: string } | null)?.messageKey === 'nonBmp'))
      .map((node) => `${node.target.join(' ')}: ${node.any.map((check) => check.message).join(' ')}`),
  );
}

/**
 * Runs in the page: what would make someone on a phone scroll sideways. The page wider than the
 * screen, a box (a table's scroller) wider than itself, or a control that starts or ends off-screen.
 */
function sidewaysProblems(): string[] {
  const width = window.innerWidth;
  const describe = (element: Element) => {
    const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${element.tagName.toLowerCase()}${element.getAttribute('data-testid') ? ` data-testid=${element.getAttribute('data-testid')}` : ''}> "${text}"`;
  };
  const problems: string[] = [];
  const { scrollWidth } = document.scrollingElement!;
  if (scrollWidth > width) problems.push(`the page is ${scrollWidth} px wide`);
  for (const box of document.body.querySelectorAll('*')) {
    const { overflowX } = getComputedStyle(box);
    if ((overflowX === 'auto' || overflowX === 'scroll') && box.scrollWidth > box.clientWidth + 1) problems.push(`${describe(box)} scrolls sideways: ${box.scrollWidth} px in ${box.clientWidth}`);
  }
  for (const control of document.body.querySelectorAll('a[href], button, [role="button"], input:not([type="hidden"]), select, textarea, summary')) {
    // Not shown at all (a closed dialog or <details>, a hidden input): nothing to reach.
    if (!control.checkVisibility({ visibilityProperty: true })) continue;
    const { left, right } = control.getBoundingClientRect();
    if (left < -0.5 || right > width + 0.5) problems.push(`${describe(control)} spans ${Math.round(left)}–${Math.round(right)} px of ${width}`);
    // Cut off by a box that clips it; a box that ends its text with an ellipsis means to.
    for (let box = control.parentElement; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible' || style.textOverflow === 'ellipsis') continue;
      const edges = box.getBoundingClientRect();
      if (left < edges.left - 0.5 || right > edges.right + 0.5) problems.push(`${describe(control)} is cut off by ${describe(box)}`);
    }
  }
  return problems;
}
