import type { LinkItem } from '../db';
import type { Link, LinkCounter, LinkState } from './schemas';

export function linkPath(code: string): string {
  return `/s/${code}`;
}

/**
 * Whether the item is past its TTL at `now`: then the link is gone, for its owner and everyone, as
 * if it had never been. Reads apply the TTL themselves: DynamoDB deletes late, and dynalite never.
 */
export function isPastRetention(item: Pick<LinkItem, 'expiresAt'>, now: number): boolean {
  return item.expiresAt !== undefined && item.expiresAt * 1000 <= now;
}

/** Where a stored link (not past its TTL) stands at `now`: a revoked link is revoked even after its expiry. */
export function linkState(item: Pick<LinkItem, 'validUntil' | 'revokedAt'>, now: number): LinkState {
  if (item.revokedAt !== undefined) return 'revoked';
  if (item.validUntil !== undefined && item.validUntil <= now) return 'expired';
  return 'active';
}

/** The link's counter: whom and until when a view of it counts. */
export function counterOf({ code, userId, imageId, expiresAt }: Pick<LinkItem, 'code' | 'userId' | 'imageId' | 'expiresAt'>): LinkCounter {
  return { code, userId, imageId, expiresAt };
}

/** A stored link as its owner sees it. */
export function toLink(item: LinkItem, now: number): Link {
  const state = linkState(item, now);
  return {
    code: item.code,
    path: linkPath(item.code),
    kind: item.kind ?? 'photo',
    imageId: item.members?.[0]?.imageId ?? item.imageId,
    imageIds: item.members?.map((member) => member.imageId) ?? [item.imageId],
    fileName: item.fileName,
    variant: item.variant,
    watermarked: item.watermarked,
    allowDownload: item.allowDownload,
    expiry: item.expiry,
    validUntil: item.validUntil ?? null,
    revokedAt: item.revokedAt ?? null,
    state,
    listedUntil: state === 'active' || item.expiresAt === undefined ? null : item.expiresAt * 1000,
    views: item.views,
    createdAt: item.createdAt,
    protected: item.passwordHash !== undefined,
  };
}
