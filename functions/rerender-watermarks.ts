import { rerenderWatermarks } from '../lib/images/rerender-watermarks';
import { rerenderWatermarksJob } from '../lib/images/rerender-watermarks-job';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';

export const handler = withTracing(withMetrics((event: unknown) => handleJobMessages(rerenderWatermarksJob, (run) => rerenderWatermarks(run), event)));
