import { allPages } from '../all-pages';
import { deleteItemsByKey, deleteRateLimitWindows, deleteUserAccount, expireAccountClosure, jobItemKey, listUserPartition } from '../db';
import { siteRecognizer } from '../people/site-recognizer';
import type { JobRun, WorkResult } from '../jobs/job-kind';
import { jobRefOf } from '../jobs/run-job';
import { log } from '../observability/log';
import { hashedSubject } from '../rate-limit';
import { SIGN_IN_PER_EMAIL } from '../auth/limits';
import { accountDeletionKey, deleteObjects } from '../storage';
import { deleteAccountJob } from './delete-account-job';
import { deleteClerkUser } from './delete-clerk-user';
import { CLOSURE_MARK_HOURS } from './limits';
import { AccountDeletionRequestSchema } from './request-account-deletion';
import { listUserObjects } from './list-user-objects';
import { revokeEveryLink } from './revoke-every-link';
import { USER_RATE_LIMITS } from './user-rate-limits';
import { deliveriesLeftToFinish, emitAccountDeleted } from '../webhooks/account-deleted-event';
import { invalidationsLeftToFinish } from '../cdn';

/**
 * The delete-account job's work: everything of one user, in an order that is safe to stop anywhere
 * and run again. account.deleted is emitted to the user's webhook endpoints first, and its deliveries
 * are left to finish (each removes itself). The local account goes next, then, pass after pass, every
 * share link (they stop answering at once), the face index, every object under the user's prefixes and
 * every item of their partition; then the Clerk user, and the job's own item last, so a crash or a Clerk error before the
 * end leaves the job to be delivered or swept again. A run of another job still in flight for the user
 * finds its job gone and removes what it wrote.
 */
export async function deleteAccount(run: JobRun): Promise<WorkResult> {
  const { userId } = run.subject;
  const request = AccountDeletionRequestSchema.parse(JSON.parse(run.body.toString('utf8')));

  if (request.email) {
    await deleteUserAccount(request.email, userId);
    await deleteRateLimitWindows(SIGN_IN_PER_EMAIL.scope, hashedSubject('email', request.email));
  }

  // Before the endpoints go with the rest: account.deleted captures where to go, and its deliveries are left to run.
  const final = await deliveriesLeftToFinish(userId, await emitAccountDeleted(userId));
  // The CDN invalidations of the links the request ended (requestAccountDeletion), left to run as the deliveries are.
  const invalidations = await invalidationsLeftToFinish(userId);
  const ownJob = jobItemKey(jobRefOf(deleteAccountJob, run.subject));
  const trigger = accountDeletionKey(userId);
  const deleted = await emptyEverything(userId, {
    keepItems: [ownJob, ...final.items, ...invalidations.items],
    keepObjects: [trigger, ...final.objects, ...invalidations.objects],
  });
  for (const rule of USER_RATE_LIMITS) await deleteRateLimitWindows(rule.scope, userId);
  // After the data: the closure mark already keeps the account out, and a Clerk outage must not hold the deletion back.
  if (request.clerkUser) await deleteClerkUser(userId);

  await expireAccountClosure(userId, Math.floor((Date.now() + CLOSURE_MARK_HOURS * 3600 * 1000) / 1000));
  log.info('Account deleted', { ...deleted });
  // Last: with its own item gone, the runner finds the job missing and discards the request object.
  await deleteItemsByKey([ownJob]);
  return { status: 'done' };
}

/** Passes after which something is still writing for the account: the delivery fails and is retried. */
const MAX_PASSES = 5;

interface Deleted {
  revokedLinks: number;
  forgotFaceIndex: number;
  deletedObjects: number;
  deletedItems: number;
}

/**
 * Every share link, the face index, every object under the user's prefixes and every item of their
 * partition, until a pass finds none, since work that passed the closure check just before it may
 * still land meanwhile: a link made a moment before (its owner index may not show it yet), a photo
 * whose upload URL was handed out before, and the face index its processing asks for, which creates
 * the user's collection again. The CDN invalidations of the links a pass ends are kept, to run.
 */
async function emptyEverything(userId: string, keep: { keepItems: Record<string, string>[]; keepObjects: string[] }): Promise<Deleted> {
  const keptItems = [...keep.keepItems];
  const isKept = (key: Record<string, string>) => keptItems.some((kept) => Object.entries(kept).every(([name, value]) => key[name] === value));
  const keptObjects = new Set(keep.keepObjects);
  const recognizer = siteRecognizer();
  const deleted: Deleted = { revokedLinks: 0, forgotFaceIndex: 0, deletedObjects: 0, deletedItems: 0 };
  for (let pass = 0; ; pass++) {
    const { revoked: links, invalidations } = await revokeEveryLink(userId);
    const left = await invalidationsLeftToFinish(userId, invalidations);
    keptItems.push(...left.items);
    for (const key of left.objects) keptObjects.add(key);
    const faceIndex = (await recognizer.forgetUser(userId)) ? 1 : 0;
    const objects = (await listUserObjects(userId)).filter((object) => !keptObjects.has(object.key));
    for (const bucket of new Set(objects.map((object) => object.bucket))) {
      await deleteObjects(bucket, objects.filter((object) => object.bucket === bucket).map((object) => object.key));
    }
    let items = 0;
    for await (const page of allPages((cursor?: Record<string, string>) => listUserPartition(userId, cursor))) {
      const keys = page.map((item) => item.key).filter((key) => !isKept(key));
      await deleteItemsByKey(keys);
      items += keys.length;
    }
    deleted.revokedLinks += links;
    deleted.forgotFaceIndex += faceIndex;
    deleted.deletedObjects += objects.length;
    deleted.deletedItems += items;
    if (links + faceIndex + objects.length + items === 0) return deleted;
    if (pass >= MAX_PASSES) throw new Error(`Still finding the account's data after ${MAX_PASSES} passes; retry`);
  }
}
