import { countGivenUpDelivery, disableWebhookEndpoint } from '../db';
import { forgetClosedAccountJob } from '../jobs/forget-closed-account-job';
import type { JobSubject } from '../jobs/job-kind';
import { publishLiveEvent } from '../realtime/publish-live-event';
import { deliveryKey, deliveryOf } from './delivery-subject';
import { DISABLE_AFTER_FAILED_DELIVERIES } from './limits';

/** The live-updates topic of a user's webhook endpoints: the settings page reloads them when it hears it. */
export const WEBHOOKS_TOPIC = 'webhooks';

/**
 * A delivery was given up on (every attempt failed, or it never started): one more in its endpoint's
 * run of failures, and at DISABLE_AFTER_FAILED_DELIVERIES the endpoint is disabled and its owner's
 * open pages told (the settings page then says why). False when there is no endpoint to count it on:
 * it was deleted, or the account was (whose last event then has no one left to tell, and its dead
 * letter, job and request go as the rest of the account did).
 */
export async function recordGivenUpDelivery(subject: JobSubject, now = Date.now()): Promise<boolean> {
  const { userId, endpointId } = deliveryOf(subject);
  if (await forgetClosedAccountJob({ userId, kind: 'deliver-webhook', subjectId: subject.subjectId }, deliveryKey(subject))) return false;
  const failures = await countGivenUpDelivery(userId, endpointId);
  if (failures === null) return false;
  if (failures >= DISABLE_AFTER_FAILED_DELIVERIES && (await disableWebhookEndpoint(userId, endpointId, now))) {
    await publishLiveEvent(userId, { topic: WEBHOOKS_TOPIC, subjectId: endpointId, state: 'disabled' });
  }
  return true;
}
