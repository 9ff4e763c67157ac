import { EXPORT_PREFIX, EXPORT_REQUEST_PREFIX } from './keys';

/** How long an export's archive can be downloaded, and its request kept. */
export const EXPORT_RETENTION_DAYS = 7;

/**
 * Objects of the media bucket that S3 removes by age: the bucket's lifecycle rules on AWS
 * (infra/storage.ts), and the local cloud's timer, which applies the same rules to the emulator.
 */
export const MEDIA_EXPIRY_RULES = [
  { id: 'expire-exports', prefix: EXPORT_PREFIX, days: EXPORT_RETENTION_DAYS },
  { id: 'expire-export-requests', prefix: EXPORT_REQUEST_PREFIX, days: EXPORT_RETENTION_DAYS },
] as const;
