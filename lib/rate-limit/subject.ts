import { createHmac } from 'node:crypto';
import { derivedKey } from '../config';

let key: Buffer | undefined;

/**
 * What a counter is keyed by when the subject is personal (an address, an email): a keyed hash. A plain
 * SHA-256 of an IPv4 address is undone by hashing all four billion of them; without the key, this is not.
 */
export function hashedSubject(kind: 'address' | 'email', value: string): string {
  key ??= derivedKey('rate-limit-subjects');
  return createHmac('sha256', key).update(`${kind}:${value}`).digest('base64url').slice(0, 22);
}
