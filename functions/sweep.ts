import { sweepJobs } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';

export const handler = withMetrics(() => sweepJobs());
