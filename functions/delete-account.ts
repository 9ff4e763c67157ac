import { deleteAccount } from '../lib/account/delete-account';
import { deleteAccountJob } from '../lib/account/delete-account-job';
import { jobHandler } from '../lib/jobs';

export const handler = jobHandler(deleteAccountJob, deleteAccount);
