import { createPublicKey } from 'node:crypto';

/**
 * The MediaSigningKey secret as a PEM: set from a file it keeps its line breaks, set on one line it
 * may carry them as `\n`, which is read back as line breaks.
 */
export function signingKeyPem(secret: string): string {
  return secret.includes('\\n') ? secret.replace(/\\n/g, '\n') : secret;
}

/** The public half of the media signing key, as CloudFront's public key takes it (SPKI, PEM): the distribution's key group trusts it. */
export function mediaPublicKeyOf(secret: string): string {
  return createPublicKey(signingKeyPem(secret)).export({ type: 'spki', format: 'pem' }).toString();
}
