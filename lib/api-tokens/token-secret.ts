import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { nanoid } from 'nanoid';

/**
 * A token reads `hst_<userId>.<tokenId>.<secret>`: the prefix lets secret scanners recognise a leaked
 * one, the owner and id find its record with one read, and the secret (256 random bits) proves it.
 * Ids never hold a dot, so the parts split unambiguously.
 */
const PREFIX = 'hst_';
const TOKEN = /^hst_([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

export interface MintedToken {
  tokenId: string;
  /** The whole token, to be shown once. */
  token: string;
  secretHash: string;
}

export function mintToken(userId: string): MintedToken {
  const tokenId = nanoid(16);
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, token: `${PREFIX}${userId}.${tokenId}.${secret}`, secretHash: hashSecret(secret) };
}

/** The parts of a token, or null for anything that is not shaped like one. */
export function parseToken(token: string): { userId: string; tokenId: string; secret: string } | null {
  const match = TOKEN.exec(token);
  return match ? { userId: match[1]!, tokenId: match[2]!, secret: match[3]! } : null;
}

/** A fast hash is enough: the secret has 256 random bits, so there is nothing to guess that a slow hash would protect. */
function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'base64url');
  const stored = Buffer.from(secretHash, 'base64url');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
