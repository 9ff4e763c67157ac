import { indexFacesJob } from '../lib/people/index-faces-job';
import { indexPhotoFaces } from '../lib/people/index-photo-faces';
import { handleJobMessages } from '../lib/jobs';
import { withMetrics } from '../lib/observability/metrics';

export const handler = withMetrics((event: unknown) => handleJobMessages(indexFacesJob, indexPhotoFaces, event));
