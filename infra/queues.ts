import { deadLetterAlarm } from './monitoring';
import {
  ANALYZE_PROFILE_TIMEOUT_SECONDS,
  DELETE_ACCOUNT_TIMEOUT_SECONDS,
  EXPORT_ACCOUNT_TIMEOUT_SECONDS,
  INDEX_FACES_TIMEOUT_SECONDS,
  DEAD_LETTER_RETENTION_SECONDS,
  MAX_RECEIVE_COUNT,
  PROCESS_IMAGE_TIMEOUT_SECONDS,
  visibilityTimeoutSeconds,
} from './limits';
import { ACCOUNT_DELETION_PREFIX, ANALYSIS_PREFIX, EXPORT_REQUEST_PREFIX, FACE_INDEX_PREFIX, ORIGINALS_PREFIX } from '../lib/storage/keys';
import { media, uploads } from './storage';

/*
 * Bucket notifications go to a queue, never straight to a function: the queue retries, keeps what
 * keeps failing in its dead-letter queue, and absorbs bursts that would otherwise throttle.
 */
function eventQueue(name: string, functionTimeoutSeconds: number) {
  const deadLetters = new sst.aws.Queue(`${name}DeadLetters`, {
    transform: { queue: { messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS } },
  });
  const queue = new sst.aws.Queue(`${name}Queue`, {
    visibilityTimeout: `${visibilityTimeoutSeconds(functionTimeoutSeconds)} seconds`,
    dlq: { queue: deadLetters.arn, retry: MAX_RECEIVE_COUNT },
  });
  deadLetterAlarm(name, deadLetters);
  return { queue, deadLetters };
}

export const processImageEvents = eventQueue('ProcessImage', PROCESS_IMAGE_TIMEOUT_SECONDS);
export const analyzeProfileEvents = eventQueue('AnalyzeProfile', ANALYZE_PROFILE_TIMEOUT_SECONDS);
export const indexFacesEvents = eventQueue('IndexFaces', INDEX_FACES_TIMEOUT_SECONDS);
export const deleteAccountEvents = eventQueue('DeleteAccount', DELETE_ACCOUNT_TIMEOUT_SECONDS);
export const exportAccountEvents = eventQueue('ExportAccount', EXPORT_ACCOUNT_TIMEOUT_SECONDS);

/** Every job queue's dead-letter queue, all drained by store-dead-letter. */
export const jobDeadLetterQueues = [processImageEvents, analyzeProfileEvents, indexFacesEvents, deleteAccountEvents, exportAccountEvents].map((events) => events.deadLetters);

/* ObjectCreated:* includes Copy, which is how `npm run redrive` announces an original again. */
uploads.notify({
  notifications: [
    { name: 'ProcessImage', queue: processImageEvents.queue, events: ['s3:ObjectCreated:*'], filterPrefix: ORIGINALS_PREFIX },
  ],
});

media.notify({
  notifications: [
    { name: 'AnalyzeProfile', queue: analyzeProfileEvents.queue, events: ['s3:ObjectCreated:*'], filterPrefix: ANALYSIS_PREFIX },
    { name: 'IndexFaces', queue: indexFacesEvents.queue, events: ['s3:ObjectCreated:*'], filterPrefix: FACE_INDEX_PREFIX },
    { name: 'DeleteAccount', queue: deleteAccountEvents.queue, events: ['s3:ObjectCreated:*'], filterPrefix: ACCOUNT_DELETION_PREFIX },
    { name: 'ExportAccount', queue: exportAccountEvents.queue, events: ['s3:ObjectCreated:*'], filterPrefix: EXPORT_REQUEST_PREFIX },
  ],
});
