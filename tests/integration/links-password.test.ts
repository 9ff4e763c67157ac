import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLinkByCode } from '@/lib/db';
import { createLink, LINK_ACCESS_COOKIE, LINK_PASSWORD_PER_ADDRESS, LINK_PASSWORD_PER_LINK, readSharedFile } from '@/lib/links';
import { signLinkAccess } from '@/lib/links/link-access';
import { protectedCardImage } from '@/lib/links/protected-card';
import { SOCKET_ADDRESS_HEADER } from '@/lib/security/client-address';
import { GET as getPage, POST as postPassword } from '@/app/s/[code]/route';
import { GET as getFile } from '@/app/s/[code]/[file]/route';
import { GET as getAlbumFile } from '@/app/s/[code]/[file]/[name]/route';
import { GET as getAlbumArchive } from '@/app/s/[code]/album.zip/route';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

/*
 * Password-protected links, through the share routes as a browser calls them: the page, its form's
 * POST and the files, each from an address of its own (the socket address the local server writes).
 */

const PASSWORD = 'correct horse 42';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PROTECTED_FILES = ['photo.webp', 'photo.jpg', 'download.jpg'] as const;

let addresses = 0;
/** An address no other request of this run used, so per-address counts start at zero. */
const freshAddress = () => `198.51.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

function headersOf(address: string, cookie?: string): Record<string, string> {
  return { [SOCKET_ADDRESS_HEADER]: address, 'user-agent': BROWSER, ...(cookie ? { cookie: `${LINK_ACCESS_COOKIE}=${cookie}` } : {}) };
}

function openPage(code: string, options: { address?: string; cookie?: string } = {}) {
  const request = new NextRequest(`http://localhost/s/${code}`, { headers: headersOf(options.address ?? freshAddress(), options.cookie) });
  return getPage(request, { params: Promise.resolve({ code }) });
}

function openFile(code: string, file: string, options: { address?: string; cookie?: string } = {}) {
  const request = new NextRequest(`http://localhost/s/${code}/${file}`, { headers: headersOf(options.address ?? freshAddress(), options.cookie) });
  return getFile(request, { params: Promise.resolve({ code, file }) });
}

function guess(code: string, password: string, address = freshAddress()) {
  const request = new NextRequest(`http://localhost/s/${code}`, {
    method: 'POST',
    headers: { ...headersOf(address), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ password }).toString(),
  });
  return postPassword(request, { params: Promise.resolve({ code }) });
}

/** The token of the access cookie a right password set, with its attributes checked. */
function accessCookieOf(response: Response, code: string): string {
  const setCookie = response.headers.get('set-cookie') ?? '';
  expect(setCookie).toContain(`Path=/s/${code}`);
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=lax/i);
  // The local cloud serves plain http; anywhere else the cookie is Secure (lib/links/link-access.ts).
  expect(setCookie).not.toMatch(/Secure/i);
  const value = new RegExp(`${LINK_ACCESS_COOKIE}=([^;]+)`).exec(setCookie)?.[1];
  expect(value).toBeTruthy();
  return value!;
}

let owner: { userId: string; imageId: string };
beforeAll(async () => {
  const userId = newUserId();
  const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
  expect((await waitForSettled(userId, imageId)).status).toBe('ready');
  owner = { userId, imageId };
});

const protectedLink = (password = PASSWORD) => createLink(owner.userId, { imageId: owner.imageId, allowDownload: true, password });

describe('a password on a link', () => {
  it('is stored as a scrypt hash, never as itself, and a too short one is refused in a sentence', async () => {
    const link = await protectedLink();
    expect(link.protected).toBe(true);
    const item = await findLinkByCode(link.code);
    expect(item?.passwordHash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(JSON.stringify(item)).not.toContain(PASSWORD);
    expect((await createLink(owner.userId, { imageId: owner.imageId })).protected).toBe(false);
    await expect(createLink(owner.userId, { imageId: owner.imageId, password: 'abc' })).rejects.toThrow('A link password has at least 4 characters.');
  });

  it('without the cookie, shows a form and sends no byte of any file; the card is the neutral protected one', async () => {
    const link = await protectedLink();
    const page = await openPage(link.code);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<form class="unlock" method="post" action="/s/${link.code}">`);
    expect(html).not.toContain('photo.webp');
    expect(html).not.toContain('photo.jpg');
    expect(html).toContain(`<meta property="og:image" content="http://localhost/s/${link.code}/card.jpg">`);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");

    for (const file of PROTECTED_FILES) {
      const response = await openFile(link.code, file);
      expect([file, response.status, response.headers.get('cache-control')]).toEqual([file, 403, 'private, no-store']);
      expect(await response.text()).toBe('This link needs its password');
    }
    const card = await openFile(link.code, 'card.jpg');
    expect([card.status, card.headers.get('cache-control')]).toEqual([200, 'private, no-store']);
    expect(Buffer.from(await card.arrayBuffer()).equals(await protectedCardImage())).toBe(true);
    // The same link's card, drawn from the photo, is never what a protected link sends.
    const open = await createLink(owner.userId, { imageId: owner.imageId });
    const photoCard = await readSharedFile(open.code, 'card.jpg');
    expect(photoCard.state === 'active' && photoCard.body.equals(await protectedCardImage())).toBe(false);
  });

  it('answers a wrong password with the form again, and the right one with a cookie for this link that shows the photo', async () => {
    const link = await protectedLink();
    const wrong = await guess(link.code, 'not it');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('That password is not right.');
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const right = await guess(link.code, PASSWORD);
    expect([right.status, right.headers.get('location')]).toEqual([303, `/s/${link.code}`]);
    const cookie = accessCookieOf(right, link.code);

    const page = await openPage(link.code, { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="shared-photo"');
    for (const file of PROTECTED_FILES) {
      const response = await openFile(link.code, file, { cookie });
      expect([file, response.status, response.headers.get('cache-control')]).toEqual([file, 200, 'private, max-age=60']);
      expect(Number(response.headers.get('content-length'))).toBeGreaterThan(1000);
    }
  });

  it('locks an album the same way: its page is the form, and no photo file or ZIP goes out without the cookie', async () => {
    const album = await createLink(owner.userId, { imageIds: [owner.imageId], allowDownload: true, password: PASSWORD });
    const code = album.code;
    const request = (path: string, cookie?: string) => new NextRequest(`http://localhost/s/${code}/${path}`, { headers: headersOf(freshAddress(), cookie) });
    const photo = (name: string, cookie?: string) => getAlbumFile(request(`1/${name}`, cookie), { params: Promise.resolve({ code, file: '1', name }) });
    const archive = (cookie?: string) => getAlbumArchive(request('album.zip', cookie), { params: Promise.resolve({ code }) });

    expect(await (await openPage(code)).text()).toContain('class="unlock"');
    for (const name of PROTECTED_FILES) {
      const refused = await photo(name);
      expect([name, refused.status, refused.headers.get('cache-control')]).toEqual([name, 403, 'private, no-store']);
    }
    expect((await archive()).status).toBe(403);

    const cookie = accessCookieOf(await guess(code, PASSWORD), code);
    const seen = await photo('photo.webp', cookie);
    expect([seen.status, seen.headers.get('content-type')]).toEqual([200, 'image/webp']);
    expect(seen.headers.get('cache-control')).toMatch(/^private, max-age=/);
    const zip = await archive(cookie);
    expect(zip.status).toBe(200);
    expect((await zip.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("refuses link A's cookie on link B, and an expired cookie on its own link", async () => {
    const [a, b] = [await protectedLink(), await protectedLink()];
    const cookieOfA = accessCookieOf(await guess(a.code, PASSWORD), a.code);
    expect((await openFile(a.code, 'photo.webp', { cookie: cookieOfA })).status).toBe(200);
    expect((await openFile(b.code, 'photo.webp', { cookie: cookieOfA })).status).toBe(403);
    expect(await (await openPage(b.code, { cookie: cookieOfA })).text()).toContain('class="unlock"');

    const item = await findLinkByCode(a.code);
    const expired = await signLinkAccess(a.code, item!.passwordHash!, Date.now() - 61 * 60_000);
    expect((await openFile(a.code, 'photo.webp', { cookie: expired })).status).toBe(403);
    expect(await (await openPage(a.code, { cookie: expired })).text()).toContain('class="unlock"');
    // A token earned with another password (a name taken again by someone else) opens nothing either.
    const otherPassword = await signLinkAccess(a.code, 'scrypt$4096$8$1$c2FsdA$a2V5', Date.now());
    expect((await openFile(a.code, 'photo.webp', { cookie: otherPassword })).status).toBe(403);
  });

  it('limits wrong guesses per address, an IPv6 /64 as one, without keeping other addresses out', async () => {
    const [link, other] = [await protectedLink(), await protectedLink()];
    const { limit } = LINK_PASSWORD_PER_ADDRESS;
    // Half on one link, half on another: the count is the address's, whatever it guesses at.
    for (let attempt = 0; attempt < limit; attempt++) {
      const response = await guess(attempt % 2 ? link.code : other.code, `wrong ${attempt}`, `2001:db8:77:1::${attempt + 1}`);
      expect(response.status, `guess ${attempt + 1}`).toBe(401);
    }
    const refused = await guess(link.code, PASSWORD, '2001:db8:77:1::ffff');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Too many tries, wait \d+ minutes?\./);
    expect(refused.headers.get('set-cookie')).toBeNull();
    // Someone else, elsewhere, still gets in.
    expect((await guess(link.code, PASSWORD, '2001:db8:77:2::1')).status).toBe(303);
  });

  it('limits wrong guesses per link, from however many addresses, and a right password takes its try back', async () => {
    const link = await protectedLink();
    // A right password costs nothing: many visitors unlocking a link never use up its count.
    for (let visitor = 0; visitor < 3; visitor++) expect((await guess(link.code, PASSWORD)).status).toBe(303);
    const { limit } = LINK_PASSWORD_PER_LINK;
    const perAddress = LINK_PASSWORD_PER_ADDRESS.limit - 1;
    let address = freshAddress();
    for (let attempt = 0; attempt < limit; attempt++) {
      if (attempt % perAddress === 0) address = freshAddress();
      expect((await guess(link.code, `wrong ${attempt}`, address)).status, `guess ${attempt + 1}`).toBe(401);
    }
    const refused = await guess(link.code, PASSWORD, freshAddress());
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Too many tries, wait \d+ minutes?\./);
    // Only this link is held: the same visitor opens another protected link.
    const other = await protectedLink();
    expect((await guess(other.code, PASSWORD, freshAddress())).status).toBe(303);
  });
});
