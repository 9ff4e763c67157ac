import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { startClerkApiStub, type ClerkApiStub } from '../../scripts/deploy-check/clerk-api-stub';
import { startRekognitionStub, type RekognitionStub } from '../../scripts/deploy-check/rekognition-stub';
import { deleteOwnAccount } from '@/lib/account/delete-own-account';
import { findUserData, type UserDataReport } from '@/lib/account/find-user-data';
import { requestAccountDeletion } from '@/lib/account/request-account-deletion';
import { awsSettings } from '@/lib/config';
import { findAccountClosure, findImage, findLinkByCode, insertLink } from '@/lib/db';
import { deleteImage } from '@/lib/images';
import { createLink, resolveLink } from '@/lib/links';
import { newLinkCode } from '@/lib/links/new-link-code';
import { collectionIdOf } from '@/lib/people/rekognition-recognizer';
import { FAST_JOB_TIMING } from './global-setup';
import { fixture, uploadAsBrowser, waitFor, waitForSettled } from './helpers';
import { restoreEnvironmentAfterAll } from './processes';

/*
 * Deletions racing work still in flight, through a local cloud of this file's own whose functions run
 * in this process, with Rekognition as the face analyzer (deploy:check's stub, which keeps collections
 * as Rekognition does) and deploy:check's stand-in for Clerk's API. Each case holds one call at a chosen moment,
 * deletes, lets the work go on (and crash), waits until every delivery and retry has ended, and then
 * looks for what is left.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
restoreEnvironmentAfterAll();
let cloud: LocalCloud;
let dataDir: string;
let rekognition: RekognitionStub;
let clerk: ClerkApiStub;

beforeAll(async () => {
  rekognition = await startRekognitionStub(ROOT);
  clerk = await startClerkApiStub(ROOT);
  Object.assign(process.env, FAST_JOB_TIMING, {
    FACE_ANALYZER: 'rekognition',
    AWS_ENDPOINT_URL_REKOGNITION: rekognition.endpoint,
    CLERK_SECRET_KEY: 'sk_test_deletionraces',
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_deletionraces',
    CLERK_API_URL: clerk.endpoint,
  });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-races-'));
  cloud = await startLocalCloud({ dataDir, s3Port: 0, dynamoPort: 0, appOrigins: ['http://localhost'], sweepIntervalMs: 60 * 60 * 1000 });
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
  await Promise.all([rekognition?.stop(), clerk?.stop(), rm(dataDir, { recursive: true, force: true })]);
});

const clerkUserId = () => `user_${nanoid(20).replace(/[^A-Za-z0-9]/g, 'x')}`;
const collectionOf = (userId: string) => collectionIdOf(awsSettings().faceCollectionPrefix, userId);
const groupPhoto = () => fixture('faces/group-sample1.jpg');

/** What the report still holds of one photo: its objects and its items (a face's key names the photo). */
function traceOfPhoto(report: UserDataReport, imageId: string) {
  return { objects: report.objects.filter((object) => object.key.includes(imageId)), items: report.items.filter((item) => JSON.stringify(item.keys).includes(imageId)) };
}

describe('face data never outlives a deletion', () => {
  it('photo deletion: an index run in flight that then crashes leaves no face, thumbnail or face vector of the photo', async () => {
    const userId = clerkUserId();
    // The run is in flight: it has claimed its job, found the photo ready and created the collection.
    const indexing = rekognition.hold('IndexFaces');
    const { imageId } = await uploadAsBrowser(userId, await groupPhoto(), 'group.jpg', 'image/jpeg');
    await indexing.reached;
    // Grouping's first search fails: the run crashes after writing its faces and thumbnails.
    rekognition.fail('SearchFaces');
    expect(await deleteImage(userId, imageId)).toBe(true);
    indexing.release();
    // The crash is delivered again; the retry finds its job gone with the photo.
    await cloud.drain();
    rekognition.succeed('SearchFaces');

    expect(rekognition.calls).toContain('RekognitionService.SearchFaces');
    const report = await findUserData(userId);
    expect(traceOfPhoto(report, imageId)).toEqual({ objects: [], items: [] });
    expect(report.indexedFaces).toBe(0);
    expect(rekognition.collections().get(collectionOf(userId))).toEqual([]);
  });

  it('account deletion: an index run in flight that creates the collection again and then crashes leaves nothing, and no collection', async () => {
    const userId = clerkUserId();
    const creating = rekognition.hold('CreateCollection');
    await uploadAsBrowser(userId, await groupPhoto(), 'group.jpg', 'image/jpeg');
    await creating.reached;
    rekognition.fail('SearchFaces');
    await requestAccountDeletion(userId, { requestedBy: 'owner' });
    // The deletion ends while the run waits: the collection is forgotten before the run creates it again.
    await waitFor('the deletion', () => findAccountClosure(userId), (closure) => Boolean(closure?.expiresAt));
    creating.release();
    await cloud.drain();
    rekognition.succeed('SearchFaces');

    expect(rekognition.calls).toContain('RekognitionService.IndexFaces');
    expect(await findUserData(userId)).toMatchObject({ objects: [], items: [], indexedFaces: 0 });
    expect(rekognition.collections().has(collectionOf(userId))).toBe(false);
  });
});

describe('share links are caught by every deletion pass', () => {
  it('a link the owner index did not show when the deletion began is revoked by a later pass', async () => {
    const userId = clerkUserId();
    const { imageId } = await uploadAsBrowser(userId, await groupPhoto(), 'group.jpg', 'image/jpeg');
    expect((await waitForSettled(userId, imageId)).status).toBe('ready');
    await waitFor('faces', () => findImage(userId, imageId), (image) => image?.faceIndex?.status === 'done');
    const { code } = await createLink(userId, { imageId });
    const shared = (await findLinkByCode(code))!;

    // The deletion's first pass has revoked every link its owner index showed, and now forgets the faces.
    const forgetting = rekognition.hold('DeleteCollection');
    await requestAccountDeletion(userId, { requestedBy: 'owner' });
    await forgetting.reached;
    // A second link of the photo, made just before the closure, only now shows in the owner index.
    const lateCode = newLinkCode();
    expect(await insertLink({ ...shared, code: lateCode })).not.toBeNull();
    // One that passed the action's closure check but writes only now sees the closure after its write, and takes its link back.
    await expect(createLink(userId, { imageId })).rejects.toThrow('This account has been deleted.');
    forgetting.release();
    await cloud.drain();

    expect(await resolveLink(lateCode)).toEqual({ state: 'not-found' });
    expect(await findUserData(userId)).toMatchObject({ objects: [], items: [], indexedFaces: 0 });
  });
});

describe('Clerk', () => {
  it('the deletion job deletes the Clerk user, and again after Clerk failed', async () => {
    const userId = clerkUserId();
    const email = `${userId.toLowerCase()}@example.com`;
    clerk.addUser(userId, email);
    clerk.failNext(1);
    await deleteOwnAccount(userId, { email, local: false, clerk: true }, { email });
    await cloud.drain();

    // The first delivery met Clerk's outage after emptying the account; its retry deleted the user.
    expect(clerk.deletions.filter((id) => id === userId)).toEqual([userId, userId]);
    expect(await findAccountClosure(userId)).toMatchObject({ expiresAt: expect.any(Number) });
    expect(await findUserData(userId)).toMatchObject({ objects: [], items: [] });
  });
});
