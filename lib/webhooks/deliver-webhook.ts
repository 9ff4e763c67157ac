import { Webhook } from 'standardwebhooks';
import { findWebhookEndpoint, recordWebhookFailure, recordWebhookSuccess } from '../db';
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
 * endpoint. An endpoint deleted or disabled meanwhile: nothing is sent.
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
  throw new Error(`Webhook delivery failed: ${outcome.reason}`);
}
