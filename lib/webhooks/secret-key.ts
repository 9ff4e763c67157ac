import { deriveKey } from '../config';

/**
 * The key webhook signing secrets are encrypted with, from the site's sign-in secret. infra/ derives it
 * at deploy time for the deliver-webhook function, which so holds this key and no sign-in secret; the
 * site, which has the secret, derives the same key itself (signing-secret.ts).
 */
export function webhookSecretKeyOf(signInSecret: string): Buffer {
  return deriveKey(signInSecret, 'webhook-secret');
}
