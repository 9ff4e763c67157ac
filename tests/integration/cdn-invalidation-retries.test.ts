import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { findUserData, holdsUserData } from '@/lib/account/find-user-data';
import { requestAccountDeletion } from '@/lib/account/request-account-deletion';
import { listJobsInFlight } from '@/lib/db';
import { listDeadLetters, redriveOwnDeadLetter } from '@/lib/jobs';
import { createLink, revokeLink, sharedFilePaths } from '@/lib/links';
import { FAST_JOB_TIMING } from './global-setup';
import { fixture, newUserId, uploadAsBrowser, waitFor, waitForSettled } from './helpers';
import { restoreEnvironmentAfterAll } from './processes';

/*
 * When CloudFront refuses an invalidation (too many in progress on the distribution), the job is
 * retried, then dead-lettered, as every job is; an account's deletion that runs meanwhile leaves it to
 * finish and still ends with nothing. Through a local cloud of this file's own, whose CloudFront
 * stand-in is told to refuse, with its functions run in this process on the integration suite's faster clock.
 */

restoreEnvironmentAfterAll();
let cloud: LocalCloud;
let dataDir: string;

beforeAll(async () => {
  Object.assign(process.env, FAST_JOB_TIMING);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-cdn-'));
  cloud = await startLocalCloud({ dataDir, s3Port: 0, dynamoPort: 0, appOrigins: ['http://localhost'], sweepIntervalMs: 60 * 60 * 1000 });
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(() => cloud.cloudFront.accept());

async function sharedPhoto(): Promise<{ userId: string; code: string }> {
  const userId = newUserId();
  const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
  expect((await waitForSettled(userId, imageId)).status).toBe('ready');
  const { code } = await createLink(userId, { imageId });
  return { userId, code };
}

const invalidationsOf = (code: string) => cloud.cloudFront.invalidations().filter((invalidation) => invalidation.paths.some((path) => path.startsWith(`/s/${code}/`)));
const sorted = (paths: string[]) => [...paths].sort();

describe('CloudFront refusing an invalidation', () => {
  it('twice: the job is retried, and the third delivery invalidates the link’s paths once', async () => {
    const { userId, code } = await sharedPhoto();
    const before = cloud.cloudFront.createCalls();
    cloud.cloudFront.refuse(2);

    await revokeLink(userId, { code });
    await cloud.drain();

    expect(cloud.cloudFront.createCalls() - before).toBe(3);
    expect(invalidationsOf(code).map((invalidation) => sorted(invalidation.paths))).toEqual([sorted(sharedFilePaths(code))]);
    expect(await listDeadLetters(userId)).toEqual([]);
    expect(await listJobsInFlight(userId, 'invalidate-cdn')).toEqual([]);
  });

  it('every time: the owner gets a dead letter, and Retry invalidates the link’s paths once CloudFront accepts', async () => {
    const { userId, code } = await sharedPhoto();
    cloud.cloudFront.refuse(Infinity);

    await revokeLink(userId, { code });
    const [deadLetter, ...others] = await waitFor('the dead letter', () => listDeadLetters(userId), (letters) => letters.length > 0, 60_000);
    expect(others).toEqual([]);
    expect(deadLetter).toMatchObject({ label: 'Removing shared copies from the CDN', reason: expect.stringContaining('Press Retry') });
    expect(invalidationsOf(code)).toEqual([]);

    cloud.cloudFront.accept();
    expect(await redriveOwnDeadLetter(userId, deadLetter!.deadLetterId)).toBe('requeued');
    await cloud.drain();
    expect(invalidationsOf(code).map((invalidation) => sorted(invalidation.paths))).toEqual([sorted(sharedFilePaths(code))]);
    expect(await listDeadLetters(userId)).toEqual([]);
  }, 90_000);

  it('while the account is deleted: the deletion leaves the job to run, its retry invalidates, and nothing of the account stays', async () => {
    const { userId, code } = await sharedPhoto();
    cloud.cloudFront.refuse(1);

    await requestAccountDeletion(userId, { requestedBy: 'owner' });
    await cloud.drain();

    expect(invalidationsOf(code).map((invalidation) => sorted(invalidation.paths))).toEqual([sorted(sharedFilePaths(code))]);
    expect(await findUserData(userId)).toMatchObject({ objects: [], items: [] });
  });

  it('every time while the account is deleted: given up, and its dead letter goes with the account', async () => {
    const { userId, code } = await sharedPhoto();
    cloud.cloudFront.refuse(Infinity);

    await requestAccountDeletion(userId, { requestedBy: 'owner' });
    await cloud.drain();

    expect(invalidationsOf(code)).toEqual([]);
    const report = await waitFor('the account to be gone', () => findUserData(userId), (found) => !holdsUserData(found));
    expect(report).toMatchObject({ objects: [], items: [] });
  }, 90_000);
});
