import { indexFacesJob } from '../lib/people/index-faces-job';
import { discardFaceIndex } from '../lib/people/discard-face-index';
import { indexPhotoFaces } from '../lib/people/index-photo-faces';
import { handleJobMessages } from '../lib/jobs';
import { withRunDiscard } from '../lib/jobs/define-job-kind';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';

const indexFaces = withRunDiscard(indexFacesJob, discardFaceIndex);

export const handler = withTracing(withMetrics((event: unknown) => handleJobMessages(indexFaces, indexPhotoFaces, event)));
