import { analyzeProfileJob } from '../lib/faces/analyze-profile-job';
import { processAnalysisInput } from '../lib/faces/process-analysis-input';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';

export const handler = withMetrics((event: unknown) => handleJobMessages(analyzeProfileJob, processAnalysisInput, event));
