import { rerenderWatermarks } from '../lib/images/rerender-watermarks';
import { rerenderWatermarksJob } from '../lib/images/rerender-watermarks-job';
import { jobHandler } from '../lib/jobs';

export const handler = jobHandler(rerenderWatermarksJob, (run) => rerenderWatermarks(run));
