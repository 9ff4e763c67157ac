import { resources } from '../aws/resources';
import { setAnalysisStatus } from '../db';
import { defineJobKind, imageKeyOf, statusChanges, subjectFromKey } from '../jobs/define-job-kind';
import { analysisPrefix, deletePrefix, linkedInCropPrefix, parseAnalysisInputKey } from '../storage';

/** The LinkedIn check of one photo; its analysis input's arrival in the media bucket starts it. */
export const analyzeProfileJob = defineJobKind('analyze-profile', {
  label: 'Checking a photo for LinkedIn',
  parseKey: subjectFromKey(parseAnalysisInputKey, 'imageId'),
  setStatus: statusChanges((subject, change) => setAnalysisStatus(imageKeyOf(subject), change), { running: 'running', queued: 'pending' }),
  async discard(subject) {
    await deletePrefix(resources.mediaBucket, analysisPrefix(subject.userId, subject.subjectId));
    await deletePrefix(resources.mediaBucket, linkedInCropPrefix(subject.userId, subject.subjectId));
  },
  // The input is copied right after the job is queued; if it is not there within a minute, it will not come.
  arrivalWindowMs: 60 * 1000,
  messages: {
    gaveUp: 'The analysis kept failing because of an error on our side. Press Retry to try again.',
    neverArrived: 'The analysis could not start. Please try again.',
  },
});
