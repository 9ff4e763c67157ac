import { Webhook } from 'standardwebhooks';
import { findJob, findWebhookEndpoint, recordWebhookFailure, recordWebhookSuccess } from '../db';
import { MAX_DELIVERY_ATTEMPTS } from '../jobs/retry-policy';
import { log } from '../observability/log';
import type { JobRun, WorkResult } from '../jobs/job-kind';
import { deliveryOf } from './delivery-subject';
import { postToTarget } from './post-to-target';
import { DeliveryRequestSchema } from './schemas';
import { decryptSigningSecret } from './signing-secret';

/**
 * The deliver-webhook job's work: one attempt at sending one message to one endpoint, signed as the
 * Standard Webhooks spec says (`webhook-id`, `webhook-timestamp`, `webhook-signature`: v1, HMAC-SHA256
 * of `id.timestamp.body` with the endpoint's secret), by the spec's own library. Delivered: done (and
 * the run of failures is over). Refused, unreachable, a redirect, an error status: thrown, so the
 * runner tries again, and after the last attempt gives it up, which counts towards disabling the
 * endpoint. An endpoint deleted or disabled meanwhile: nothing is sent. A deleted account's
 * account.deleted that fails its last attempt is dropped, so the deletion still leaves nothing.
 */
export async function deliverWebhook(run: JobRun): Promise<WorkResult> {
  const request = DeliveryRequestSchema.parse(JSON.parse(run.body.toString('utf8')));
  const { userId, endpointId } = deliveryOf(run.subject);
  // A captured target (account.deleted) is sent although its endpoint, and the account, are gone.
  let target = request.target;
  if (!target) {
    const endpoint = await findWebhookEndpoint(userId, endpointId);
    if (!endpoint || endpoint.disabledAt !== undefined) return { status: 'gone' };
    target = { url: endpoint.url, encryptedSecret: endpoint.encryptedSecret };
  }
  const body = JSON.stringify(request.payload);
  const attemptedAt = new Date();
  const signature = new Webhook(decryptSigningSecret(target.encryptedSecret, { userId, endpointId })).sign(request.messageId, attemptedAt, body);
  const outcome = await postToTarget(target.url, {
    headers: { 'webhook-id': request.messageId, 'webhook-timestamp': String(Math.floor(attemptedAt.getTime() / 1000)), 'webhook-signature': signature },
    body,
  });
  if (outcome.ok) {
    if (!request.target) await recordWebhookSuccess(userId, endpointId, attemptedAt.getTime());
    return { status: 'done' };
  }
  if (!request.target) await recordWebhookFailure(userId, endpointId, { at: attemptedAt.getTime(), reason: outcome.reason });
  else if (await isLastAttempt(run)) {
    // The account's last event, and its last attempt: nobody is left to tell, so nothing of it is kept (no dead letter, no request).
    log.warn('Gave up on a deleted account’s last webhook', { reason: outcome.reason });
    return { status: 'gone' };
  }
  throw new Error(`Webhook delivery failed: ${outcome.reason}`);
}

/** Whether this run is the job's last (its claim counted as an attempt): the queue dead-letters it if it throws. */
async function isLastAttempt(run: JobRun): Promise<boolean> {
  const job = await findJob({ userId: run.subject.userId, kind: 'deliver-webhook', subjectId: run.subject.subjectId });
  return (job?.attempts ?? 0) >= MAX_DELIVERY_ATTEMPTS;
}
