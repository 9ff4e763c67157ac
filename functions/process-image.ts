import { handleUploadEvents } from '../lib/images';
import { withMetrics } from '../lib/observability/metrics';

export const handler = withMetrics(handleUploadEvents);
