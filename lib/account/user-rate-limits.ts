import { EXPORT_REQUEST_LIMIT, ACCOUNT_DELETION_LIMIT } from './limits';
import { RETRY_LIMIT } from '../jobs/limits';
import { UPLOAD_CREATE_LIMIT, WATERMARK_RERENDER_LIMIT } from '../images/limits';
import { LINK_CREATE_LIMIT } from '../links/limits';
import { READY_REQUEST_LIMIT } from '../linkedin-ready/limits';
import { FACE_INDEX_REQUEST_LIMIT, FACE_SEARCH_LIMIT, PHOTO_SEARCH_LIMIT } from '../people/limits';
import { ANALYSIS_REQUEST_LIMIT } from '../profile-check/limits';
import type { RateLimitRule } from '../rate-limit';

/** Every rate limit counted per user id: an account deletion takes their counters too. */
export const USER_RATE_LIMITS: readonly RateLimitRule[] = [
  UPLOAD_CREATE_LIMIT,
  WATERMARK_RERENDER_LIMIT,
  LINK_CREATE_LIMIT,
  ANALYSIS_REQUEST_LIMIT,
  READY_REQUEST_LIMIT,
  FACE_INDEX_REQUEST_LIMIT,
  FACE_SEARCH_LIMIT,
  PHOTO_SEARCH_LIMIT,
  RETRY_LIMIT,
  EXPORT_REQUEST_LIMIT,
  ACCOUNT_DELETION_LIMIT,
];
