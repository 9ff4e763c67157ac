import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { authSettings, webhookSettings } from '../config';
import { webhookSecretKeyOf } from './secret-key';

/*
 * An endpoint's signing secret has to be used as it is to sign every delivery (HMAC, per the Standard
 * Webhooks spec), so unlike an API token it cannot be kept as a hash. It is kept encrypted with
 * AES-256-GCM under a key derived from the sign-in secret, with the owner and endpoint as associated
 * data: a copy of the table alone signs nothing, and a secret copied onto another endpoint or user
 * does not decrypt.
 */

/** A new secret in the spec's form: `whsec_` and 24 random bytes in base64, as svix and Standard Webhooks make them. */
export function mintSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const key = () => webhookSettings().secretKey ?? webhookSecretKeyOf(authSettings().keyMaterial);
const boundTo = (owner: { userId: string; endpointId: string }) => Buffer.from(`${owner.userId}/${owner.endpointId}`);

/** The secret as stored: nonce, tag and ciphertext, base64url. */
export function encryptSigningSecret(secret: string, owner: { userId: string; endpointId: string }): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), nonce).setAAD(boundTo(owner));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The secret back; throws for one that was not encrypted for this endpoint with this key. */
export function decryptSigningSecret(stored: string, owner: { userId: string; endpointId: string }): string {
  const bytes = Buffer.from(stored, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key(), bytes.subarray(0, 12)).setAAD(boundTo(owner));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
