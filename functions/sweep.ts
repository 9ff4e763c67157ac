import { sweepJobs } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';

export const handler = withTracing(withMetrics(() => sweepJobs()));
