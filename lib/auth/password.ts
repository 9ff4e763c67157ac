import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { passwordSettings } from '../config';

/*
 * scrypt with OWASP's recommended minimum cost (N=2^17, r=8, p=1, lib/config.ts), about 128 MiB and
 * 0.2 s per hash: slow enough to make guessing stolen hashes expensive, fast enough for a sign-in.
 */
const MAX_MEMORY = 256 * 1024 * 1024;
const hashParams = (): ScryptOptions => ({ N: passwordSettings().scryptCost, r: 8, p: 1, maxmem: MAX_MEMORY });
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, params, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** A self-describing hash: "scrypt$N$r$p$salt$key", so the cost can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const used = hashParams();
  const key = await derive(password, salt, used);
  return ['scrypt', used.N, used.r, used.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEMORY });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
