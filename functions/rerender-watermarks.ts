import { rerenderWatermarks } from '../lib/images/rerender-watermarks';
import { rerenderWatermarksJob } from '../lib/images/rerender-watermarks-job';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';

export const handler = withMetrics((event: unknown) => handleJobMessages(rerenderWatermarksJob, (run) => rerenderWatermarks(run), event));
