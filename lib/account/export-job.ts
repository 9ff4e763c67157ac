import { resources } from '../aws/resources';
import { updateExport } from '../db';
import { defineJobKind, statusChanges, subjectFromKey } from '../jobs/define-job-kind';
import type { JobSubject } from '../jobs/job-kind';
import { deleteObjects, deletePrefix, exportPrefix, exportRequestKey, parseExportRequestKey } from '../storage';

const exportKey = (subject: JobSubject) => ({ userId: subject.userId, exportId: subject.subjectId });

/** Writing one archive of everything a user has; its request's arrival in the media bucket starts it. */
export const exportAccountJob = defineJobKind('export-account', {
  label: 'Exporting your data',
  parseKey: subjectFromKey(parseExportRequestKey, 'exportId'),
  setStatus: statusChanges((subject, change) => updateExport(exportKey(subject), change), { running: 'running', queued: 'queued' }),
  async discard(subject) {
    await deletePrefix(resources.mediaBucket, exportPrefix(subject.userId, subject.subjectId));
    await deleteObjects(resources.mediaBucket, [exportRequestKey(subject.userId, subject.subjectId)]);
  },
  arrivalWindowMs: 60 * 1000,
  messages: {
    gaveUp: 'The export kept failing because of an error on our side. Press Retry to try again.',
    neverArrived: 'The export could not start. Please ask for it again.',
  },
});
