import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { findLinkByCode, insertLink } from '@/lib/db';
import { deleteImage, updateWatermarkSettings } from '@/lib/images';
import {
  countResolve,
  createLink,
  getShareOptions,
  GONE_RETENTION_MS,
  LINK_CREATE_LIMIT,
  linkResolveLimit,
  listLinks,
  newLinkCode,
  presentSharedLink,
  readSharedFile,
  SHARED_FILES,
  recordLinkView,
  resolveLink,
  resolveRefusal,
  revokeLink,
} from '@/lib/links';
import { consumeRateLimit, RateLimitedError } from '@/lib/rate-limit';
import { headObject } from '@/lib/storage';
import { UserError } from '@/lib/user-error';
import sharp from 'sharp';
import { sweepExpired } from '../../local/sweep-expired';
import { fixture, newUserId, uploadAsBrowser, viewLink, waitForSettled } from './helpers';

/*
 * The server action runs as in Next.js, with the signed-in user taken from a stand-in session:
 * `signedIn` is who currentUser() and requireUser() return.
 */
const session = vi.hoisted(() => ({ signedIn: null as { id: string; email: string | null; sessionId: null } | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/adapters/current-user', () => {
  class UnauthenticatedError extends Error {
    constructor() {
      super('You need to sign in.');
    }
  }
  return {
    UnauthenticatedError,
    currentUser: async () => session.signedIn,
    requireUser: async () => {
      if (!session.signedIn) throw new UnauthenticatedError();
      return session.signedIn;
    },
  };
});

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const HOUR = 3_600_000;

async function readyImage(options: { watermark?: boolean } = {}) {
  const userId = newUserId();
  if (options.watermark) await updateWatermarkSettings(userId, { enabled: true, text: '© Owner', position: 'bottom-right', opacity: 0.8 });
  const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
  const image = await waitForSettled(userId, imageId);
  expect(image.status).toBe('ready');
  return { userId, imageId };
}

let owner: { userId: string; imageId: string };
beforeAll(async () => {
  owner = await readyImage({ watermark: true });
});

describe('creating a link', () => {
  it('shares the watermarked copy by default, with a card image, and resolves by its code', async () => {
    const link = await createLink(owner.userId, { imageId: owner.imageId });
    expect(link.code).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(link).toMatchObject({ path: `/s/${link.code}`, variant: 'w640-public', watermarked: true, allowDownload: false, expiry: '7d', views: 0, state: 'active' });

    const resolution = await resolveLink(link.code);
    expect(resolution.state).toBe('active');
    if (resolution.state !== 'active') return;
    const card = await readSharedFile(link.code, 'card.jpg');
    expect(card.state === 'active' && (await sharp(card.body).metadata())).toMatchObject({ format: 'jpeg', width: 1200, height: 630 });

    // The page names only the link's own paths: neither the owner's id nor the image's.
    const presented = presentSharedLink(resolution.link);
    expect(presented).toMatchObject({ imageUrl: `/s/${link.code}/photo.webp`, fallbackUrl: `/s/${link.code}/photo.jpg`, downloadUrl: null });
    expect(JSON.stringify(presented)).not.toContain(owner.userId);
    expect(JSON.stringify(presented)).not.toContain(owner.imageId);
    const shown = await readSharedFile(link.code, 'photo.webp');
    expect(shown).toMatchObject({ state: 'active', contentType: 'image/webp' });
    expect(await readSharedFile(link.code, 'download.jpg')).toEqual({ state: 'not-found' });
  });

  it('offers the variants and lets the owner pick a clean one with downloads', async () => {
    const options = await getShareOptions(owner.userId, owner.imageId);
    expect(options?.defaultVariant).toBe('w640-public');
    expect(options?.variants.map((v) => v.name)).toContain('w256');

    const link = await createLink(owner.userId, { imageId: owner.imageId, variant: 'w256', allowDownload: true, expiry: 'never' });
    expect(link).toMatchObject({ variant: 'w256', watermarked: false, validUntil: null });
    const resolution = await resolveLink(link.code, { now: Date.now() + 10 * 365 * 24 * HOUR });
    expect(resolution.state).toBe('active');
    if (resolution.state !== 'active') return;
    expect(presentSharedLink(resolution.link).downloadUrl).toBe(`/s/${link.code}/download.jpg`);
    expect(await readSharedFile(link.code, 'download.jpg')).toMatchObject({ state: 'active', contentType: 'image/jpeg', downloadName: 'shared-photo.jpg' });
  });

  it('refuses a variant the image does not have', async () => {
    await expect(createLink(owner.userId, { imageId: owner.imageId, variant: 'w9999' })).rejects.toThrow(UserError);
  });

  it('draws again when the code is taken, without overwriting the other link', async () => {
    const first = await createLink(owner.userId, { imageId: owner.imageId });
    const draws = [first.code, first.code, newLinkCode()];
    const second = await createLink(owner.userId, { imageId: owner.imageId, expiry: '1h' }, { newCode: () => draws.shift()! });
    expect(second.code).not.toBe(first.code);
    expect(draws).toEqual([]);
    expect((await findLinkByCode(first.code))?.expiry).toBe('7d');
  });

  it('will not overwrite an existing code at the database either', async () => {
    const link = await createLink(owner.userId, { imageId: owner.imageId });
    const item = (await findLinkByCode(link.code))!;
    expect(await insertLink({ ...item, userId: newUserId() })).toBeNull();
    expect((await findLinkByCode(link.code))?.userId).toBe(owner.userId);
  });
});

describe('someone else’s image', () => {
  it('cannot be shared through the server action', async () => {
    const { createLinkAction } = await import('@/app/actions/create-link');
    session.signedIn = { id: newUserId(), email: 'intruder@example.com', sessionId: null };
    const refused = await createLinkAction({ imageId: owner.imageId });
    expect(refused?.serverError).toBe('That photo does not exist.');
    expect(refused?.data).toBeUndefined();

    session.signedIn = null;
    expect((await createLinkAction({ imageId: owner.imageId }))?.serverError).toBe('You need to sign in.');

    session.signedIn = { id: owner.userId, email: 'owner@example.com', sessionId: null };
    const allowed = await createLinkAction({ imageId: owner.imageId });
    expect(allowed?.data?.code).toMatch(/^[0-9A-Za-z]{12}$/);
  });

  it('has no share options and no links revocable by others', async () => {
    expect(await getShareOptions(newUserId(), owner.imageId)).toBeNull();
    const link = await createLink(owner.userId, { imageId: owner.imageId });
    expect(await revokeLink(newUserId(), { code: link.code })).toBe(false);
    expect((await resolveLink(link.code)).state).toBe('active');
  });
});

describe('resolving a code', () => {
  it('answers not-found for a random code and for malformed ones, like for a revoked one', async () => {
    expect(await resolveLink(newLinkCode())).toEqual({ state: 'not-found' });
    expect(await resolveLink('short')).toEqual({ state: 'not-found' });
    expect(await resolveLink('../../etc/passwd')).toEqual({ state: 'not-found' });
  });

  it('stops a revoked link at once, its page and its photo alike', async () => {
    const link = await createLink(owner.userId, { imageId: owner.imageId, allowDownload: true });
    expect((await resolveLink(link.code)).state).toBe('active');
    for (const file of SHARED_FILES) expect((await readSharedFile(link.code, file)).state).toBe('active');
    expect(await revokeLink(owner.userId, { code: link.code })).toBe(true);
    expect(await resolveLink(link.code)).toEqual({ state: 'not-found' });
    for (const file of SHARED_FILES) expect(await readSharedFile(link.code, file)).toEqual({ state: 'not-found' });
    expect(await revokeLink(owner.userId, { code: link.code })).toBe(false);
  });

  it('tells codes apart by case: a code and its case variants are different links', async () => {
    const code = `Ab${newLinkCode().slice(2)}`;
    const variants = [code, code.toLowerCase(), code.toUpperCase()];
    const other = await readyImage();
    const [first, second] = await Promise.all([
      createLink(owner.userId, { imageId: owner.imageId }, { newCode: () => variants[0]! }),
      createLink(other.userId, { imageId: other.imageId }, { newCode: () => variants[1]! }),
    ]);
    expect([first.code, second.code]).toEqual([variants[0], variants[1]]);
    expect((await findLinkByCode(variants[0]!))?.userId).toBe(owner.userId);
    expect((await findLinkByCode(variants[1]!))?.userId).toBe(other.userId);
    expect(await resolveLink(variants[2])).toEqual({ state: 'not-found' });
  });

  it('answers expired once the expiry has passed, and not-found once the item is past its TTL', async () => {
    const created = Date.now();
    const link = await createLink(owner.userId, { imageId: owner.imageId, expiry: '1h' }, { now: created });
    expect((await resolveLink(link.code, { now: created + HOUR - 1 })).state).toBe('active');
    expect(await resolveLink(link.code, { now: created + HOUR })).toEqual({ state: 'expired' });
    expect(await resolveLink(link.code, { now: created + HOUR + GONE_RETENTION_MS + 1000 })).toEqual({ state: 'not-found' });

    const listed = (await listLinks(owner.userId, {}, { now: created + 2 * HOUR })).items.find((l) => l.code === link.code);
    expect(listed?.state).toBe('expired');
  });

  it('expires a one-day link after a day, and a seven-day link after seven', async () => {
    const created = Date.now();
    const day = await createLink(owner.userId, { imageId: owner.imageId, expiry: '1d' }, { now: created });
    const week = await createLink(owner.userId, { imageId: owner.imageId, expiry: '7d' }, { now: created });
    expect((await resolveLink(day.code, { now: created + 24 * HOUR })).state).toBe('expired');
    expect((await resolveLink(week.code, { now: created + 24 * HOUR })).state).toBe('active');
    expect((await resolveLink(week.code, { now: created + 7 * 24 * HOUR })).state).toBe('expired');
  });
});

describe('view counts', () => {
  it('increment once per view by a person, not for bots, and show on the owner’s list', async () => {
    const link = await createLink(owner.userId, { imageId: owner.imageId });
    expect(await viewLink(link.code, BROWSER)).toBe(true);
    expect(await viewLink(link.code, BROWSER)).toBe(true);
    expect(await viewLink(link.code, 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)')).toBe(false);
    expect(await viewLink(link.code, null)).toBe(false);
    await Promise.all(Array.from({ length: 20 }, () => viewLink(link.code, BROWSER)));
    expect((await findLinkByCode(link.code))?.views).toBe(22);

    const listed = (await listLinks(owner.userId)).items.find((l) => l.code === link.code);
    expect(listed?.views).toBe(22);
  });

  it('do not bring a revoked link back, nor count on it', async () => {
    const link = await createLink(owner.userId, { imageId: owner.imageId });
    // A page that read the link just before its owner revoked it counts its view just after.
    const resolution = await resolveLink(link.code);
    if (resolution.state !== 'active') throw new Error('the new link is not active');
    await revokeLink(owner.userId, { code: link.code });
    await recordLinkView(resolution.counter, BROWSER);
    expect(await findLinkByCode(link.code)).toMatchObject({ views: 0, revokedAt: expect.any(Number) });
    expect(await resolveLink(link.code)).toEqual({ state: 'not-found' });
  });
});

describe('rate limits', () => {
  it('refuse creating links past the per-user limit, with the time to wait', async () => {
    const { userId, imageId } = owner;
    // A window of its own: an hour from now, as if the clock had moved on.
    const later = Date.now() + LINK_CREATE_LIMIT.windowSeconds * 1000;
    for (let i = 0; i < LINK_CREATE_LIMIT.limit; i++) await createLink(userId, { imageId, expiry: '1h' }, { now: later });
    const refusal = await createLink(userId, { imageId }, { now: later }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect((refusal as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((refusal as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(LINK_CREATE_LIMIT.windowSeconds);
    expect((refusal as RateLimitedError).message).toMatch(/Try again in \d+ minutes?/);
    // Another user is not affected.
    const other = await readyImage();
    await expect(createLink(other.userId, { imageId: other.imageId }, { now: later })).resolves.toMatchObject({ state: 'active' });
  });

  it('refuse resolving past the per-IP limit, and the refusal is then known without a database call', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const now = Date.now();
    const { limit } = linkResolveLimit();
    expect(resolveRefusal(ip, now)).toBeNull();
    const verdicts = await Promise.all(Array.from({ length: limit }, () => countResolve(ip, now)));
    expect(verdicts.every((v) => v.allowed)).toBe(true);
    // Concurrent hits are merged into fewer writes, and none is lost: the last total is the limit.
    expect(Math.max(...verdicts.map((v) => v.hits))).toBe(limit);
    expect(resolveRefusal(ip, now)).toBeNull();

    const over = await countResolve(ip, now);
    expect(over).toMatchObject({ allowed: false, hits: limit + 1 });
    expect(resolveRefusal(ip, now)).toBeGreaterThan(0);
    expect(resolveRefusal(ip, now)).toBeLessThanOrEqual(60);
    // Another address is not affected; the next window starts afresh.
    expect(resolveRefusal('198.51.100.251', now)).toBeNull();
    expect(resolveRefusal(ip, now + 60_000)).toBeNull();
  });

  it('count each window in one shared item, whichever instance adds to it', async () => {
    const rule = { scope: 'test-shared', limit: 5, windowSeconds: 60 };
    const subject = newUserId();
    const now = Date.now();
    const verdicts = await Promise.all(Array.from({ length: 8 }, () => consumeRateLimit(rule, subject, now)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    expect(verdicts.filter((v) => !v.allowed)).toHaveLength(3);
  });
});

describe('ended links on My links', () => {
  it('keeps a revoked link listed as revoked, with its views, for the retention, and then the TTL takes it', async () => {
    const other = await readyImage();
    const link = await createLink(other.userId, { imageId: other.imageId, expiry: 'never' });
    await viewLink(link.code, BROWSER);
    const revokedAt = Date.now();
    expect(await revokeLink(other.userId, { code: link.code }, { now: revokedAt })).toBe(true);

    const listed = (await listLinks(other.userId, {}, { now: revokedAt + 1000 })).items;
    expect(listed).toEqual([expect.objectContaining({ code: link.code, state: 'revoked', revokedAt, views: 1, listedUntil: Math.ceil((revokedAt + GONE_RETENTION_MS) / 1000) * 1000 })]);
    expect((await listLinks(other.userId, {}, { now: revokedAt + GONE_RETENTION_MS - 1000 })).items.map((l) => l.state)).toEqual(['revoked']);
    expect((await listLinks(other.userId, {}, { now: revokedAt + GONE_RETENTION_MS + 1000 })).items).toEqual([]);

    // The emulator's sweep does what DynamoDB's TTL does: nothing before the retention runs out, the item after.
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    await sweepExpired(client, resources.tableName, revokedAt + GONE_RETENTION_MS - 60_000);
    expect(await findLinkByCode(link.code)).not.toBeNull();
    await sweepExpired(client, resources.tableName, revokedAt + GONE_RETENTION_MS + 60_000);
    expect(await findLinkByCode(link.code)).toBeNull();
  });

  it('keeps an expired link listed as expired until the retention after its expiry', async () => {
    const other = await readyImage();
    const created = Date.now();
    const link = await createLink(other.userId, { imageId: other.imageId, expiry: '1h' }, { now: created });
    const validUntil = created + HOUR;
    expect((await listLinks(other.userId, {}, { now: validUntil + 1000 })).items).toEqual([
      expect.objectContaining({ code: link.code, state: 'expired', revokedAt: null, listedUntil: Math.ceil((validUntil + GONE_RETENTION_MS) / 1000) * 1000 }),
    ]);
    expect((await listLinks(other.userId, {}, { now: validUntil + GONE_RETENTION_MS + 1000 })).items).toEqual([]);
  });

  it('refuses a second revoke, and a revoke by anyone else, without moving the first one', async () => {
    const link = await createLink(owner.userId, { imageId: owner.imageId });
    const first = Date.now();
    expect(await revokeLink(newUserId(), { code: link.code }, { now: first })).toBe(false);
    expect((await findLinkByCode(link.code))?.revokedAt).toBeUndefined();
    expect(await revokeLink(owner.userId, { code: link.code }, { now: first })).toBe(true);
    expect(await revokeLink(owner.userId, { code: link.code }, { now: first + HOUR })).toBe(false);
    expect(await findLinkByCode(link.code)).toMatchObject({ revokedAt: first, expiresAt: Math.ceil((first + GONE_RETENTION_MS) / 1000) });
  });
});

describe('deleting the image', () => {
  it('revokes its links and removes their card images', async () => {
    const image = await readyImage();
    const links = [await createLink(image.userId, { imageId: image.imageId }), await createLink(image.userId, { imageId: image.imageId, variant: 'w256' })];
    const cardKeys = (await Promise.all(links.map((l) => findLinkByCode(l.code)))).map((item) => item!.previewKey);
    const other = await createLink(owner.userId, { imageId: owner.imageId });

    expect(await deleteImage(image.userId, image.imageId)).toBe(true);
    for (const link of links) expect(await resolveLink(link.code)).toEqual({ state: 'not-found' });
    for (const key of cardKeys) expect(await headObject(resources.mediaBucket, key)).toBeNull();
    expect((await listLinks(image.userId)).items).toEqual([]);
    expect((await resolveLink(other.code)).state).toBe('active');
  });
});
