import { findApiTokenAndClosure, touchApiToken } from '../db';
import { LAST_USED_RESOLUTION_MS } from './limits';
import type { ApiTokenScope } from './schemas';
import { parseToken, secretMatches } from './token-secret';

/** Who a token acts for: an identity like a session's, with what it may do. */
export interface ApiTokenIdentity {
  userId: string;
  tokenId: string;
  scopes: ApiTokenScope[];
}

/** Why a request's token was refused; `status` is the HTTP answer, `type` the problem document's stable type. */
export class ApiTokenRefused extends Error {
  override name = 'ApiTokenRefused';
  constructor(
    readonly status: 401 | 403,
    readonly type: 'missing-token' | 'invalid-token' | 'expired-token' | 'account-closed' | 'insufficient-scope',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The identity an `Authorization: Bearer …` header proves, needing `scope`. A token that is malformed,
 * unknown, revoked (deleted) or whose secret does not match is refused alike, so an answer never tells
 * which part was wrong.
 */
export async function authenticateApiToken(authorization: string | null, scope: ApiTokenScope, now = Date.now()): Promise<ApiTokenIdentity> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!bearer) throw new ApiTokenRefused(401, 'missing-token', 'Send a personal API token: Authorization: Bearer <token>.');
  const parts = parseToken(bearer);
  // The token names its owner, so the owner's closing mark is read with it, in one request; it counts only once the token is proven.
  const { token: item, closure } = parts ? await findApiTokenAndClosure(parts.userId, parts.tokenId) : { token: null, closure: null };
  if (!parts || !item || !secretMatches(parts.secret, item.secretHash)) throw new ApiTokenRefused(401, 'invalid-token', 'This token is not valid: it may have been revoked.');
  if (item.validUntil !== undefined && item.validUntil <= now) throw new ApiTokenRefused(401, 'expired-token', 'This token has expired. Make a new one in Settings.');
  if (closure) throw new ApiTokenRefused(403, 'account-closed', 'This account has been deleted.');
  if (!item.scopes.includes(scope)) throw new ApiTokenRefused(403, 'insufficient-scope', `This token does not have the "${scope}" scope.`);
  if ((item.lastUsedAt ?? 0) < now - LAST_USED_RESOLUTION_MS) await touchApiToken(item.userId, item.tokenId, now, now - LAST_USED_RESOLUTION_MS);
  return { userId: item.userId, tokenId: item.tokenId, scopes: [...item.scopes] as ApiTokenScope[] };
}
