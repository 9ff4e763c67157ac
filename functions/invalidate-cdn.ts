import { invalidateCdn } from '../lib/cdn/invalidate-cdn';
import { invalidateCdnJob } from '../lib/cdn/invalidate-cdn-job';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';

export const handler = withTracing(withMetrics((event: unknown) => handleJobMessages(invalidateCdnJob, invalidateCdn, event)));
