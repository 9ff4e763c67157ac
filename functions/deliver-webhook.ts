import { jobHandler } from '../lib/jobs';
import { deliverWebhook } from '../lib/webhooks/deliver-webhook';
import { deliverWebhookJob } from '../lib/webhooks/deliver-webhook-job';

export const handler = jobHandler(deliverWebhookJob, deliverWebhook);
