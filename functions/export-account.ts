import { exportAccount } from '../lib/account/export-account';
import { exportAccountJob } from '../lib/account/export-job';
import { jobHandler } from '../lib/jobs';

export const handler = jobHandler(exportAccountJob, exportAccount);
