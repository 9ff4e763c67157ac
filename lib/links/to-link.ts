import type { LinkItem } from '../db';
import type { Link, LinkResolution } from './schemas';

export function linkPath(code: string): string {
  return `/s/${code}`;
}

/** Where a stored link stands at `now`. Reads apply the TTL themselves: DynamoDB deletes late, and dynalite never. */
export function linkState(item: Pick<LinkItem, 'validUntil' | 'expiresAt'>, now: number): LinkResolution['state'] {
  if (item.expiresAt !== undefined && item.expiresAt * 1000 <= now) return 'not-found';
  if (item.validUntil !== undefined && item.validUntil <= now) return 'expired';
  return 'active';
}

/** A stored link as its owner sees it. */
export function toLink(item: LinkItem, now: number): Link {
  return {
    code: item.code,
    path: linkPath(item.code),
    imageId: item.imageId,
    fileName: item.fileName,
    variant: item.variant,
    watermarked: item.watermarked,
    allowDownload: item.allowDownload,
    expiry: item.expiry,
    validUntil: item.validUntil ?? null,
    state: linkState(item, now) === 'active' ? 'active' : 'expired',
    views: item.views,
    createdAt: item.createdAt,
  };
}
