import { nanoid } from 'nanoid';
import { expect, it } from 'vitest';
import { findImage, findJob, findLinkByCode, findSettings, findStorageUsage, listDeadLettersByOwner, listImagesByOwner, listLinkDays, migrateToExactCaseKeys } from '@/lib/db';
import { Image } from '@/lib/db/entities/image';
import { Link } from '@/lib/db/entities/link';
import { Settings } from '@/lib/db/entities/settings';
import { legacyDeadLetters, legacyOf } from '@/lib/db/migrations/exact-case-keys';
import { legacyLinkCounters } from '@/lib/db/migrations/link-days';
import { resolveLink } from '@/lib/links';
import { migrateData } from '@/lib/migrations/migrate-data';
import { originalKey } from '@/lib/storage';

/*
 * Items as version 1 wrote them (keys lowercased) for a user whose id, and a link whose code, have
 * upper-case letters: after the migration they are found by their exact ids, a case variant of the
 * code is no link, a photo that was in flight is expected as a job, and an old dead letter keeps its Retry.
 */
it('moves version 1 items to exact-case keys, keeps existing links working, and adopts what was in flight', async () => {
  const userId = `usr_MiXeD${nanoid(8)}`;
  const ready = nanoid(16);
  const uploading = nanoid(16);
  const code = `Zz${nanoid(10).replace(/[^0-9A-Za-z]/g, 'Q')}`;
  const now = Date.now();
  const image = (imageId: string, status: string) => ({
    userId,
    imageId,
    fileName: `${imageId}.jpg`,
    declaredType: 'image/jpeg',
    declaredBytes: 100,
    originalKey: originalKey(userId, imageId),
    status,
    createdAt: now,
  });
  await legacyOf(Image).put(image(ready, 'ready')).go();
  await legacyOf(Image).put(image(uploading, 'uploading')).go();
  await legacyOf(Settings).put({ userId, watermark: { enabled: false } }).go();
  await legacyOf(Link)
    .put({
      code,
      userId,
      imageId: ready,
      fileName: 'a.jpg',
      variant: 'w640',
      watermarked: false,
      width: 640,
      height: 480,
      webpKey: `images/${userId}/${ready}/w640.webp`,
      jpegKey: `images/${userId}/${ready}/w640.jpeg`,
      previewKey: `images/${userId}/${ready}/card-w640.jpg`,
      allowDownload: false,
      expiry: 'never',
      views: 0,
      createdAt: now,
    })
    .go();
  const record = { s3: { object: { key: `uploads/${userId}/${ready}/original` } } };
  await legacyDeadLetters().put({ deadLetterId: 'legacy', userId, imageId: ready, handler: 'process-image', record: JSON.stringify(record), attempts: 3, createdAt: now }).go();

  // Version 1 keys: nothing is found by the exact ids before the migration.
  expect(await findImage(userId, ready)).toBeNull();

  const migrated = await migrateData(now);
  expect(migrated.moved).toMatchObject({ image: expect.any(Number), link: expect.any(Number) });
  expect(migrated.imagesInFlight).toContainEqual({ userId, imageId: uploading, originalKey: originalKey(userId, uploading) });

  expect(await findImage(userId, ready)).toMatchObject({ status: 'ready' });
  // Ready before faces were indexed: indexing is asked for, and this one, with no variants, says why it cannot be.
  expect(migrated.facesRequested).toBeGreaterThanOrEqual(1);
  expect((await findImage(userId, ready))?.faceIndex).toMatchObject({ status: 'failed', failureCode: 'no-source' });
  expect((await listImagesByOwner(userId, { limit: 10 })).items.map((item) => item.imageId).sort()).toEqual([ready, uploading].sort());
  expect(await findSettings(userId)).toMatchObject({ watermark: { enabled: false } });
  expect((await findLinkByCode(code))?.userId).toBe(userId);
  expect((await resolveLink(code)).state).toBe('active');
  expect(await resolveLink(code.toLowerCase())).toEqual({ state: 'not-found' });
  expect(await findJob({ userId, kind: 'process-image', subjectId: uploading })).toMatchObject({ state: 'queued', key: originalKey(userId, uploading) });
  expect(await listDeadLettersByOwner(userId)).toEqual([
    expect.objectContaining({ deadLetterId: `process-image.${ready}`, kind: 'process-image', subjectId: ready, key: `uploads/${userId}/${ready}/original` }),
  ]);

  // Photos added before storage quotas count against the quota, once.
  expect(await findStorageUsage(userId)).toEqual({ bytes: 200, photos: 2 });
  await migrateData(now);
  expect(await findStorageUsage(userId)).toEqual({ bytes: 200, photos: 2 });

  // Nothing is left to move.
  expect((await migrateToExactCaseKeys()).moved).toEqual({ image: 0, analysis: 0, settings: 0, link: 0, deadLetter: 0 });
});

it('folds the first analytics’ per-counter items into one item per link and day, once', async () => {
  const userId = `usr_${nanoid(12)}`;
  const code = nanoid(12);
  const expiresAt = Math.floor(Date.now() / 1000) + 86_400;
  const counters = [
    { day: '2026-12-01', metric: 'views', count: 3 },
    { day: '2026-12-01', metric: 'referrer#linkedin.com', count: 2 },
    { day: '2026-12-01', metric: 'referrer#direct', count: 1 },
    { day: '2026-12-02', metric: 'views', count: 1 },
    { day: '2026-12-02', metric: 'bots', count: 4 },
  ];
  for (const counter of counters) await legacyLinkCounters().put({ userId, code, ...counter, expiresAt }).go();

  expect((await migrateData()).linkCountersFolded).toBeGreaterThanOrEqual(counters.length);
  expect(await listLinkDays(userId, code, '2000-01-01')).toEqual([
    { day: '2026-12-01', counts: { views: 3, 'referrer#linkedin.com': 2, 'referrer#direct': 1 }, expiresAt },
    { day: '2026-12-02', counts: { views: 1, bots: 4 }, expiresAt },
  ]);
  expect((await legacyLinkCounters().query.byLinkDay({ userId }).go()).data).toEqual([]);
  // Run again: nothing is counted twice.
  expect((await migrateData()).linkCountersFolded).toBe(0);
  expect((await listLinkDays(userId, code, '2026-12-02'))[0]?.counts).toEqual({ views: 1, bots: 4 });
});
