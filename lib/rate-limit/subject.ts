import { createHmac } from 'node:crypto';
import { authSettings, deriveKey } from '../config';
import { addressLimitGroup } from '../security/client-address';

let key: Buffer | undefined;

/** The key subjects are hashed with, from the site's sign-in secret: a check that reads the counters of a deployed site derives it too. */
export function subjectKeyOf(signInSecret: string): Buffer {
  return deriveKey(signInSecret, 'rate-limit-subjects');
}

/**
 * What a counter is keyed by when the subject is personal (an address, an email): a keyed hash. A plain
 * SHA-256 of an IPv4 address is undone by hashing all four billion of them; without the key, this is not.
 * An address is counted as its limit group, so every address of one IPv6 /64 shares one counter.
 * `subjectKey` is for a check that reads a deployed site's counters (subjectKeyOf its secret).
 */
export function hashedSubject(kind: 'address' | 'email', value: string, subjectKey?: Buffer): string {
  const hmacKey = subjectKey ?? (key ??= subjectKeyOf(authSettings().keyMaterial));
  const counted = kind === 'address' ? addressLimitGroup(value) : value;
  return createHmac('sha256', hmacKey).update(`${kind}:${counted}`).digest('base64url').slice(0, 22);
}
