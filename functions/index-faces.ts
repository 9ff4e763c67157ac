import { indexFacesJob } from '../lib/people/index-faces-job';
import { discardFaceIndex } from '../lib/people/discard-face-index';
import { indexPhotoFaces } from '../lib/people/index-photo-faces';
import { jobHandler } from '../lib/jobs';
import { withRunDiscard } from '../lib/jobs/define-job-kind';

const indexFaces = withRunDiscard(indexFacesJob, discardFaceIndex);

export const handler = jobHandler(indexFaces, indexPhotoFaces);
