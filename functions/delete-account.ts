import { deleteAccount } from '../lib/account/delete-account';
import { deleteAccountJob } from '../lib/account/delete-account-job';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';

export const handler = withMetrics((event: unknown) => handleJobMessages(deleteAccountJob, deleteAccount, event));
