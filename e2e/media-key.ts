import { generateKeyPairSync } from 'node:crypto';
import { mediaKeyEnv } from '../local/cdn/media-keys';

/**
 * The suite's media signing key: made once by the Playwright runner (its config calls this), which
 * gives it to both servers (the local cloud and the Clerk-mode server use it instead of a key of their
 * own) and, in their environment, to its workers, whose specs sign cookies CloudFront's way with it.
 */
export function e2eMediaSigningKey(): string {
  process.env.HEADSHOT_E2E_MEDIA_KEY ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return process.env.HEADSHOT_E2E_MEDIA_KEY;
}

/** The suite key's id, as the servers' media stand-in trusts it. */
export function e2eMediaKeyPairId(): string {
  return mediaKeyEnv(e2eMediaSigningKey()).MEDIA_KEY_PAIR_ID!;
}
