import { handleJobMessages } from '../lib/jobs';
import { makeLinkedInReadyJob } from '../lib/linkedin-ready/make-linkedin-ready-job';
import { processReadyRequest } from '../lib/linkedin-ready/process-ready-request';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';

export const handler = withTracing(withMetrics((event: unknown) => handleJobMessages(makeLinkedInReadyJob, processReadyRequest, event)));
