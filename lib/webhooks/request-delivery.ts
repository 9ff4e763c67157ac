import { resources } from '../aws/resources';
import { expectJob } from '../jobs/expect-job';
import { traceMetadata } from '../observability/tracing';
import { webhookRequestKey, writeObject } from '../storage';
import { deliverWebhookJob } from './deliver-webhook-job';
import { deliverySubject } from './delivery-subject';
import { DeliveryRequestSchema, type DeliveryRequest } from './schemas';

/**
 * Asks for one delivery, as every job is asked for: the job is expected, then its trigger written,
 * whose arrival runs deliver-webhook (retried, dead-lettered and swept by the runner). The endpoint and
 * message are the job's subject, so asking again for the same message replaces its job instead of adding one.
 */
export async function requestDelivery(userId: string, request: DeliveryRequest, now: number): Promise<void> {
  const body = DeliveryRequestSchema.parse(request);
  const key = webhookRequestKey(userId, body.endpointId, body.messageId);
  await expectJob(deliverWebhookJob, deliverySubject(userId, body.endpointId, body.messageId), key, now);
  // The run or request that asks for it (an upload's processing, for image.ready) hands its trace on to the delivery.
  await writeObject(resources.mediaBucket, key, Buffer.from(JSON.stringify(body)), 'application/json', { metadata: traceMetadata() });
}
