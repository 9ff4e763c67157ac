import { listDeadLettersByOwner } from '../db';
import { jobKind } from './kinds';

/** A dead letter as its owner sees it: what kept failing, in a sentence, and the id Retry sends back. */
export interface DeadLetterView {
  deadLetterId: string;
  subjectId: string;
  label: string;
  reason: string;
}

/** The owner's dead letters, newest first, in words: never an error message, a bucket or a key. */
export async function listDeadLetters(userId: string): Promise<DeadLetterView[]> {
  const items = await listDeadLettersByOwner(userId);
  return items
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((item) => {
      const kind = jobKind(item.kind);
      return {
        deadLetterId: item.deadLetterId,
        subjectId: item.subjectId,
        label: kind?.label ?? 'A background task',
        reason: kind?.messages.gaveUp ?? 'It kept failing because of an error on our side. Press Retry to try again.',
      };
    });
}
