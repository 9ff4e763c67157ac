import { deleteDeadLetter, findDeadLetter, listAllDeadLetters, markAnalysisRequeued, markImageRequeued, type DeadLetterItem } from '../db';
import { renotifyObject } from '../storage';
import { S3EventRecordSchema } from './schemas';
import { storedObjectOf } from './handle-s3-messages';

/** What each handler's owner sees again once its event is back in the queue. */
const REQUEUED: Record<string, (owner: { userId: string; imageId: string }) => Promise<void>> = {
  'process-image': markImageRequeued,
  'analyze-profile': markAnalysisRequeued,
};

/**
 * Sends a dead-lettered event through its handler again, the way SQS redrive would: the object is
 * announced anew, so the retry takes the same path as an upload, here and on AWS.
 */
export async function redriveDeadLetter(item: DeadLetterItem): Promise<void> {
  const object = storedObjectOf(S3EventRecordSchema.parse(JSON.parse(item.record)));
  const requeued = REQUEUED[item.handler];
  if (requeued && item.imageId) await requeued({ userId: item.userId, imageId: item.imageId });
  await renotifyObject(object.bucket, object.key, item.deadLetterId);
  await deleteDeadLetter(item.userId, item.deadLetterId);
}

// The Retry button: only the owner's own dead letters.
export async function redriveOwnDeadLetter(userId: string, deadLetterId: string): Promise<boolean> {
  const item = await findDeadLetter(userId, deadLetterId);
  if (!item) return false;
  await redriveDeadLetter(item);
  return true;
}

// `npm run redrive`: every dead letter, oldest first.
export async function redriveAllDeadLetters(): Promise<{ redriven: number; failed: { deadLetterId: string; error: string }[] }> {
  let redriven = 0;
  const failed: { deadLetterId: string; error: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = await listAllDeadLetters({ cursor, limit: 100 });
    for (const item of page.items) {
      try {
        await redriveDeadLetter(item);
        redriven += 1;
      } catch (error) {
        failed.push({ deadLetterId: item.deadLetterId, error: String(error) });
      }
    }
    cursor = page.cursor;
  } while (cursor);
  return { redriven, failed };
}
