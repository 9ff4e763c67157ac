import { countGivenUpDelivery, deleteDeadLetter, deleteJobs, disableWebhookEndpoint } from '../db';
import { deadLetterIdOf } from '../jobs/dead-letter-id';
import type { JobSubject } from '../jobs/job-kind';
import { publishLiveEvent } from '../realtime/publish-live-event';
import { isAccountClosed } from '../account/is-account-closed';
import { deliveryOf } from './delivery-subject';
import { DISABLE_AFTER_FAILED_DELIVERIES } from './limits';

/** The live-updates topic of a user's webhook endpoints: the settings page reloads them when it hears it. */
export const WEBHOOKS_TOPIC = 'webhooks';

/**
 * A delivery was given up on (every attempt failed, or it never started): one more in its endpoint's
 * run of failures, and at DISABLE_AFTER_FAILED_DELIVERIES the endpoint is disabled and its owner's
 * open pages told (the settings page then says why). False when there is no endpoint to count it on:
 * it was deleted, or the account was (whose last event then has no one left to tell, and its dead
 * letter and job go as the rest of the account did).
 */
export async function recordGivenUpDelivery(subject: JobSubject, now = Date.now()): Promise<boolean> {
  const { userId, endpointId } = deliveryOf(subject);
  if (await isAccountClosed(userId)) {
    const ref = { userId, kind: 'deliver-webhook', subjectId: subject.subjectId };
    await deleteDeadLetter(userId, deadLetterIdOf(ref));
    await deleteJobs([ref]);
    return false;
  }
  const failures = await countGivenUpDelivery(userId, endpointId);
  if (failures === null) return false;
  if (failures >= DISABLE_AFTER_FAILED_DELIVERIES && (await disableWebhookEndpoint(userId, endpointId, now))) {
    await publishLiveEvent(userId, { topic: WEBHOOKS_TOPIC, subjectId: endpointId, state: 'disabled' });
  }
  return true;
}
