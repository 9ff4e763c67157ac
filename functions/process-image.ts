import { processImageJob, processUpload } from '../lib/images';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';

export const handler = withMetrics((event: unknown) => handleJobMessages(processImageJob, processUpload, event));
