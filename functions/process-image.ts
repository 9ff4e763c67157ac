import { processImageJob } from '../lib/images/process-image-job';
import { processUpload } from '../lib/images/process-upload';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';

export const handler = withTracing(withMetrics((event: unknown) => handleJobMessages(processImageJob, processUpload, event)));
