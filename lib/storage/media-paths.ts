import { SERVED_MEDIA_PREFIXES } from './keys';

/*
 * The owner's media (a photo's sizes, its faces' crops, export archives) is served on the site's own
 * origin under /media/, by CloudFront from the media bucket on AWS (infra/web.ts) and by the local
 * cloud's stand-in under `npm run dev` (local/cdn/). A path names the user first, so that one signed
 * cookie, scoped to /media/<userId>/*, covers everything of theirs and nothing of anyone else's; the
 * bucket's keys put the kind first (images/<userId>/…), so a viewer-request function turns the one
 * into the other before the bucket is asked. The path never changes for a key, and a key never
 * changes its bytes (objects.ts), so browsers keep each file for a year.
 */

/** Where the site serves media. */
export const MEDIA_PATH_PREFIX = '/media/';

/** The CloudFront path pattern of the media behaviour. */
export const MEDIA_PATH_PATTERN = '/media/*';

/** The kinds of key served under /media/ (images, face-thumbnails, exports): what starts no job. Trigger objects are never served. */
export const SERVED_MEDIA_KINDS: readonly string[] = SERVED_MEDIA_PREFIXES.map((prefix) => prefix.replace(/\/$/, ''));

/** User ids are generated (Clerk's `user_…`, or ours): nothing in them is a wildcard of a CloudFront policy. */
const USER_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Whether a user id can be put in a media path and in a signed cookie's policy as it is. */
export function isMediaUserId(userId: string): boolean {
  return USER_ID.test(userId);
}

/** The path under which all of one user's media lies: what their signed cookie covers. */
export function userMediaPath(userId: string): string {
  if (!isMediaUserId(userId)) throw new Error(`A user id that cannot name a media path: ${JSON.stringify(userId)}`);
  return `${MEDIA_PATH_PREFIX}${userId}/`;
}

/** The site path of one media object, e.g. `images/u1/i1/w256.webp` → `/media/u1/images/i1/w256.webp`. */
export function mediaPath(key: string): string {
  const [kind, userId, ...rest] = key.split('/');
  if (!kind || !SERVED_MEDIA_KINDS.includes(kind) || !userId || rest.length === 0 || rest.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new Error(`Not a key served under ${MEDIA_PATH_PREFIX}: ${key}`);
  }
  return `${userMediaPath(userId)}${[kind, ...rest].map(encodeURIComponent).join('/')}`;
}

/**
 * The viewer-request function of the media behaviour, as CloudFront runs it (cloudfront-js-2.0): it
 * turns /media/<userId>/<kind>/<rest> into the bucket's key, <kind>/<userId>/<rest>, and answers 404
 * for anything else (a trigger prefix, an empty or dot segment). CloudFront checks the signed cookie
 * against the path the viewer asked for before it runs the function. The local cloud runs this very
 * code (local/cdn/media-origin.ts), so the two cannot map a path differently.
 */
export const MEDIA_VIEWER_REQUEST_FUNCTION = `var SERVED = ${JSON.stringify(SERVED_MEDIA_KINDS)};
function handler(event) {
  var request = event.request;
  var parts = request.uri.split('/');
  var refused = { statusCode: 404, statusDescription: 'Not Found' };
  if (parts.length < 5 || parts[0] !== '' || parts[1] !== 'media' || SERVED.indexOf(parts[3]) < 0) return refused;
  for (var i = 2; i < parts.length; i++) {
    if (parts[i] === '' || parts[i] === '.' || parts[i] === '..') return refused;
  }
  request.uri = '/' + [parts[3], parts[2]].concat(parts.slice(4)).join('/');
  return request;
}
`;
