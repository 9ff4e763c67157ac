import { resources } from '../aws/resources';
import { setFaceIndexState } from '../db';
import { defineJobKind, imageKeyOf, statusChanges, subjectFromKey } from '../jobs/define-job-kind';
import { deletePrefix, faceIndexPrefix, parseFaceIndexInputKey } from '../storage';

/** Finding, describing and grouping the faces of a ready photo; its face-index input's arrival in the media bucket starts it. */
export const indexFacesJob = defineJobKind('index-faces', {
  label: 'Finding the faces in a photo',
  parseKey: subjectFromKey(parseFaceIndexInputKey, 'imageId'),
  setStatus: statusChanges((subject, change) => setFaceIndexState(imageKeyOf(subject), change), { running: 'running', queued: 'queued' }),
  // The input is all there is without a run. What a run wrote (faces, thumbnails, a recognizer's copy) the index-faces function discards itself (discard-face-index.ts).
  discard: (subject) => deletePrefix(resources.mediaBucket, faceIndexPrefix(subject.userId, subject.subjectId)),
  // The input is copied right after the job is queued; if it is not there within a minute, it will not come.
  arrivalWindowMs: 60 * 1000,
  messages: {
    gaveUp: 'Finding the faces in this photo kept failing because of an error on our side. Press Retry to try again.',
    neverArrived: 'Finding the faces in this photo could not start. Press “Find faces” to try again.',
  },
});
