import type { ApiTokenItem } from '../db';
import type { ApiToken, ApiTokenScope } from './schemas';

/** A stored token as its owner sees it. */
export function toApiToken(item: ApiTokenItem, now = Date.now()): ApiToken {
  return {
    tokenId: item.tokenId,
    name: item.name,
    scopes: [...item.scopes].sort() as ApiTokenScope[],
    createdAt: item.createdAt,
    validUntil: item.validUntil ?? null,
    lastUsedAt: item.lastUsedAt ?? null,
    state: item.validUntil !== undefined && item.validUntil <= now ? 'expired' : 'active',
  };
}
