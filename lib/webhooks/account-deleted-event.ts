import { jobItemKey, listJobsInFlight } from '../db';
import { deliverySubject, deliveryKey } from './delivery-subject';
import { emitWebhookEvent } from './emit-webhook-event';

const KIND = 'deliver-webhook';

/**
 * Emits account.deleted as the account's deletion starts, before its endpoints go: each request
 * carries its endpoint's URL and encrypted secret, so it can be sent once they are gone. The account's
 * id is the event's key, so a deletion run again asks for the same messages.
 */
export async function emitAccountDeleted(userId: string, now = Date.now()): Promise<{ endpointId: string; messageId: string }[]> {
  return emitWebhookEvent(userId, { type: 'account.deleted', data: { userId }, eventKey: userId, captureTarget: true }, now);
}

/**
 * What the account's deletion leaves in place for its deliveries still to run: their job items and
 * request objects, those just asked for and any other queued or running (a deletion run again finds
 * the first run's account.deleted deliveries there, its endpoints gone). Each delivery removes its own
 * once it is sent or given up on (the kind forgets finished jobs; a delivery whose account is closed
 * takes its dead letter and job with it), so the account ends with nothing.
 */
export async function deliveriesLeftToFinish(userId: string, asked: { endpointId: string; messageId: string }[]): Promise<{ items: Record<string, string>[]; objects: string[] }> {
  const inFlight = await listJobsInFlight(userId, KIND);
  const subjects = new Set([...asked.map(({ endpointId, messageId }) => deliverySubject(userId, endpointId, messageId).subjectId), ...inFlight.map((job) => job.subjectId)]);
  const refs = [...subjects].map((subjectId) => ({ userId, kind: KIND, subjectId }));
  return { items: refs.map(jobItemKey), objects: refs.map((ref) => deliveryKey(ref)) };
}
