import { analyzeProfileJob } from '../lib/profile-check/analyze-profile-job';
import { processAnalysisInput } from '../lib/profile-check/process-analysis-input';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';

export const handler = withTracing(withMetrics((event: unknown) => handleJobMessages(analyzeProfileJob, processAnalysisInput, event)));
