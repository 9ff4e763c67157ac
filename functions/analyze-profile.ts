import { analyzeProfileJob } from '../lib/profile-check/analyze-profile-job';
import { processAnalysisInput } from '../lib/profile-check/process-analysis-input';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';

export const handler = withMetrics((event: unknown) => handleJobMessages(analyzeProfileJob, processAnalysisInput, event));
