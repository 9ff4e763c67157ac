import { deriveKey } from '../config';

/**
 * The key live-updates tokens are signed with, from the site's sign-in secret. infra/ derives it at
 * deploy time for the live authorizer, which so holds this key and no sign-in secret; the site, which
 * has the secret, derives the same key itself (live-token.ts).
 */
export function liveTokenKeyOf(signInSecret: string): Buffer {
  return deriveKey(signInSecret, 'live-token');
}
