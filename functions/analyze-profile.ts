import { analyzeProfileJob } from '../lib/profile-check/analyze-profile-job';
import { processAnalysisInput } from '../lib/profile-check/process-analysis-input';
import { jobHandler } from '../lib/jobs';

export const handler = jobHandler(analyzeProfileJob, processAnalysisInput);
