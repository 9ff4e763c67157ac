import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';
import { deliverWebhook } from '../lib/webhooks/deliver-webhook';
import { deliverWebhookJob } from '../lib/webhooks/deliver-webhook-job';

export const handler = withTracing(withMetrics((event: unknown) => handleJobMessages(deliverWebhookJob, deliverWebhook, event)));
