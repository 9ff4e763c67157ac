import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { mediaPublicKeyOf } from '../../lib/media-access/signing-key';

/*
 * The local cloud's CloudFront key pair for media cookies: made once and kept with the data, as the
 * session secret is, so a browser's cookies outlive a restart. The site signs with the private key
 * (the MediaSigningKey secret, as SST links it on AWS); the media stand-in trusts the public key, as
 * the distribution's key group does.
 */

/** The environment variable that holds the stand-in's trusted public keys, as the key group holds them on AWS. */
const TRUSTED_KEYS_VARIABLE = 'LOCAL_CDN_TRUSTED_KEYS';
const TrustedKeys = z.array(z.object({ id: z.string().min(1), publicKey: z.string().min(1) }));

/** The private key kept at `file`, made there (RSA 2048, which CloudFront takes) the first time. */
export async function persistentMediaSigningKey(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await writeFile(file, pem, { mode: 0o600 });
    return pem;
  }
}

/** A public key's id, shaped like CloudFront's (K and 13 more), and the same for the same key. */
function keyPairId(publicKeyPem: string): string {
  return `K${createHash('sha256').update(publicKeyPem).digest('hex').toUpperCase().slice(0, 13)}`;
}

/** What the site and the stand-in read: the secret as SST links it, the key's id as infra/ sets it, and the trusted public key. */
export function mediaKeyEnv(privateKeyPem: string): Record<string, string> {
  const publicKey = mediaPublicKeyOf(privateKeyPem);
  const id = keyPairId(publicKey);
  return {
    SST_RESOURCE_MediaSigningKey: JSON.stringify({ value: privateKeyPem, type: 'sst.sst.Secret' }),
    MEDIA_KEY_PAIR_ID: id,
    [TRUSTED_KEYS_VARIABLE]: JSON.stringify([{ id, publicKey }]),
  };
}

/** The stand-in's trusted public keys by id; none when the variable is unset, so every media request is refused, as by a key group without keys. */
export function trustedMediaKeys(env: Record<string, string | undefined> = process.env): Map<string, ReturnType<typeof createPublicKey>> {
  const listed = TrustedKeys.parse(JSON.parse(env[TRUSTED_KEYS_VARIABLE] ?? '[]'));
  return new Map(listed.map(({ id, publicKey }) => [id, createPublicKey(publicKey)]));
}
