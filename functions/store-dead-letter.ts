import { storeDeadLetters } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';

export const handler = withMetrics((event: unknown) => storeDeadLetters(event));
