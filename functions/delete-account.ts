import { deleteAccount } from '../lib/account/delete-account';
import { deleteAccountJob } from '../lib/account/delete-account-job';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';

export const handler = withTracing(withMetrics((event: unknown) => handleJobMessages(deleteAccountJob, deleteAccount, event)));
