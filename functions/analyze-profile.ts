import { handleAnalysisEvents } from '../lib/faces/handle-analysis-events';
import { withMetrics } from '../lib/observability/metrics';

export const handler = withMetrics(handleAnalysisEvents);
