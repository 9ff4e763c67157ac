import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { findUserData, holdsUserData } from '@/lib/account/find-user-data';
import { requestAccountDeletion } from '@/lib/account/request-account-deletion';
import { findLinkByCode, listLinkDays, scanItemsNamingUser } from '@/lib/db';
import { deleteImage } from '@/lib/images';
import { createLink, getLinkAnalytics, LINK_ACCESS_COOKIE, listLinks, revokeLink } from '@/lib/links';
import { SOCKET_ADDRESS_HEADER } from '@/lib/security/client-address';
import { GET as openPage, POST as postPassword } from '@/app/s/[code]/route';
import { fixture, newUserId, uploadAsBrowser, waitFor, waitForSettled } from './helpers';

/*
 * A link's analytics, counted from real requests to its page (the route handler, as Next.js runs it)
 * with the referrers and user agents browsers and machines send, and read back as its owner's chart.
 */


const UA = {
  androidChrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  iPadSafari: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  windowsFirefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  linkedInBot: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  slackbot: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
};

let addresses = 0;
function visit(code: string, userAgent: string, referer?: string) {
  addresses += 1;
  const headers: Record<string, string> = { [SOCKET_ADDRESS_HEADER]: `192.0.2.${addresses}`, 'user-agent': userAgent, ...(referer ? { referer } : {}) };
  return openPage(new NextRequest(`http://localhost/s/${code}`, { headers }), { params: Promise.resolve({ code }) });
}

async function readyImage() {
  const userId = newUserId();
  const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
  expect((await waitForSettled(userId, imageId)).status).toBe('ready');
  return { userId, imageId };
}

/** The analytics once `views` views and `bots` bot visits have been written: each is written after its response. */
function analyticsOnce(userId: string, code: string, views: number, bots: number) {
  const sum = (breakdown: { views: number }[]) => breakdown.reduce((total, entry) => total + entry.views, 0);
  return waitFor(
    'the counts',
    () => getLinkAnalytics(userId, { code }),
    (found) => found !== null && found.views >= views && found.bots >= bots && [found.referrers, found.devices, found.browsers, found.countries].every((breakdown) => sum(breakdown) >= views),
    15_000,
  );
}

const today = () => new Date().toISOString().slice(0, 10);

let owner: { userId: string; imageId: string };
beforeAll(async () => {
  owner = await readyImage();
});

describe('link analytics', () => {
  it('counts real views by day, referrer host, device class, browser family and country, and bots apart', async () => {
    const { code } = await createLink(owner.userId, { imageId: owner.imageId });
    const visits: [string, string?][] = [
      [UA.androidChrome, 'https://www.linkedin.com/feed/'],
      [UA.androidChrome, 'https://www.linkedin.com/in/someone'],
      [UA.iPadSafari, 'https://t.co/xyz'],
      [UA.windowsFirefox],
      [UA.linkedInBot],
      [UA.slackbot, 'https://slack.com/'],
    ];
    for (const [userAgent, referer] of visits) expect((await visit(code, userAgent, referer)).status).toBe(200);

    const analytics = await analyticsOnce(owner.userId, code, 4, 2);
    expect(analytics).toMatchObject({
      views: 4,
      bots: 2,
      referrers: [
        { name: 'linkedin.com', views: 2 },
        { name: 'direct', views: 1 },
        { name: 't.co', views: 1 },
      ],
      devices: [
        { name: 'mobile', views: 2 },
        { name: 'desktop', views: 1 },
        { name: 'tablet', views: 1 },
      ],
      browsers: [
        { name: 'Chrome', views: 2 },
        { name: 'Firefox', views: 1 },
        { name: 'Safari', views: 1 },
      ],
      // Locally no CloudFront says where a visitor is.
      countries: [{ name: 'unknown', views: 4 }],
    });
    expect(analytics!.days).toHaveLength(30);
    expect(analytics!.days.at(-1)).toEqual({ day: today(), views: 4 });
    expect(analytics!.days.slice(0, -1).every((day) => day.views === 0)).toBe(true);
    // The link's own count agrees: bots are not views.
    expect((await listLinks(owner.userId)).items.find((link) => link.code === code)?.views).toBe(4);
  });

  it('counts a protected link once, when its password opens it, under the referrer its visitor came from', async () => {
    const password = 'open sesame 12';
    const { code } = await createLink(owner.userId, { imageId: owner.imageId, password });
    const headers = { [SOCKET_ADDRESS_HEADER]: '192.0.2.250', 'user-agent': UA.androidChrome };
    const form = await (await visit(code, UA.androidChrome, 'https://www.linkedin.com/feed/')).text();
    const kept = /name="referer" value="([^"]+)"/.exec(form)?.[1];
    expect(kept).toBe('https://www.linkedin.com/feed/');

    const body = new URLSearchParams({ password, referer: kept! }).toString();
    const unlock = await postPassword(new NextRequest(`http://localhost/s/${code}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body }), { params: Promise.resolve({ code }) });
    expect(unlock.status).toBe(303);
    // The browser follows the redirect from the form, a navigation from this site itself, with the cookie: the same view.
    const cookie = new RegExp(`${LINK_ACCESS_COOKIE}=([^;]+)`).exec(unlock.headers.get('set-cookie') ?? '')![1];
    const page = await openPage(new NextRequest(`http://localhost/s/${code}`, { headers: { ...headers, 'sec-fetch-site': 'same-origin', cookie: `${LINK_ACCESS_COOKIE}=${cookie}` } }), { params: Promise.resolve({ code }) });
    expect(await page.text()).not.toContain('class="unlock"');

    await analyticsOnce(owner.userId, code, 1, 0);
    // Counts are written after each answer: a second one for the redirect would have landed by now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await getLinkAnalytics(owner.userId, { code })).toMatchObject({ views: 1, referrers: [{ name: 'linkedin.com', views: 1 }], devices: [{ name: 'mobile', views: 1 }] });
  });

  it('keeps one item per link and day holding every counter, with a TTL of 13 months, naming no visitor', async () => {
    const { code } = await createLink(owner.userId, { imageId: owner.imageId, expiry: 'never' });
    await visit(code, UA.windowsFirefox, 'https://news.ycombinator.com/item?id=1');
    await analyticsOnce(owner.userId, code, 1, 0);
    // Ten views at once, as a burst from a post would bring: the day's first write creates the item once, and no count is lost.
    await Promise.all(Array.from({ length: 10 }, () => visit(code, UA.androidChrome, 'https://www.linkedin.com/feed/')));
    await analyticsOnce(owner.userId, code, 11, 0);
    const thirteenMonths = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 13, new Date().getUTCDate()) / 1000;
    expect(await listLinkDays(owner.userId, code, today())).toEqual([
      {
        day: today(),
        expiresAt: thirteenMonths,
        counts: {
          views: 11,
          'referrer#news.ycombinator.com': 1,
          'referrer#linkedin.com': 10,
          'device#desktop': 1,
          'device#mobile': 10,
          'browser#Firefox': 1,
          'browser#Chrome': 10,
          'country#unknown': 11,
        },
      },
    ]);
    const stored = JSON.stringify(await scanItemsNamingUser(owner.userId));
    expect(stored).not.toContain('192.0.2.');
    expect(stored).not.toContain('Gecko/20100101');
  });

  it("is the owner's alone: another user reads nothing of it", async () => {
    const { code } = await createLink(owner.userId, { imageId: owner.imageId });
    expect(await getLinkAnalytics(newUserId(), { code })).toBeNull();
    expect(await getLinkAnalytics(owner.userId, { code })).toMatchObject({ views: 0, bots: 0 });
  });

  it('goes with its link: shortened to the link’s retention on revoke, deleted with the photo and with the account', async () => {
    const { userId, imageId } = await readyImage();
    const [revoked, kept] = [await createLink(userId, { imageId }), await createLink(userId, { imageId })];
    for (const { code } of [revoked, kept]) await visit(code, UA.androidChrome, 'https://www.linkedin.com/');
    for (const { code } of [revoked, kept]) await analyticsOnce(userId, code, 1, 0);

    expect(await revokeLink(userId, { code: revoked.code })).toBe(true);
    const { expiresAt } = (await findLinkByCode(revoked.code))!;
    const afterRevoke = await listLinkDays(userId, revoked.code, today());
    expect(afterRevoke).toEqual([expect.objectContaining({ day: today(), expiresAt })]);
    // A revoked link counts no more views.
    await visit(revoked.code, UA.androidChrome);
    expect((await getLinkAnalytics(userId, { code: revoked.code }))?.views).toBe(1);

    await deleteImage(userId, imageId);
    for (const { code } of [revoked, kept]) expect(await listLinkDays(userId, code, '2000-01-01')).toEqual([]);

    // With the account: a fresh link and its counters, then the deletion leaves nothing of the user.
    const again = await readyImage();
    const last = await createLink(again.userId, { imageId: again.imageId });
    await visit(last.code, UA.iPadSafari);
    await analyticsOnce(again.userId, last.code, 1, 0);
    await requestAccountDeletion(again.userId, { requestedBy: 'owner' });
    const report = await waitFor('the deletion', () => findUserData(again.userId), (found) => !holdsUserData(found), 90_000);
    expect(report).toMatchObject({ objects: [], items: [] });
  }, 150_000);
});
