import { processImageJob } from '../lib/images/process-image-job';
import { processUpload } from '../lib/images/process-upload';
import { jobHandler } from '../lib/jobs';

export const handler = jobHandler(processImageJob, processUpload);
