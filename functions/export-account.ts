import { exportAccount } from '../lib/account/export-account';
import { exportAccountJob } from '../lib/account/export-job';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';

export const handler = withTracing(withMetrics((event: unknown) => handleJobMessages(exportAccountJob, exportAccount, event)));
