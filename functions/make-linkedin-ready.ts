import { jobHandler } from '../lib/jobs';
import { makeLinkedInReadyJob } from '../lib/linkedin-ready/make-linkedin-ready-job';
import { processReadyRequest } from '../lib/linkedin-ready/process-ready-request';

export const handler = jobHandler(makeLinkedInReadyJob, processReadyRequest);
