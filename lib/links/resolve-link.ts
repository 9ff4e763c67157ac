import { findLinkByCode } from '../db';
import { hasLinkAccess } from './link-access';
import { linkCodeInput, type LinkResolution } from './schemas';
import { counterOf, isPastRetention, linkState } from './to-link';

const NOT_FOUND: LinkResolution = { state: 'not-found' };
const EXPIRED: LinkResolution = { state: 'expired' };

/**
 * What a public code points at, at `now`: one GetItem and nothing else, so this is the whole
 * database cost of showing a shared photo. A code that is malformed, unknown, revoked or past its
 * TTL is the same "not-found"; an expired one is "expired" until its item is past its TTL. An active
 * link with a password is `locked` unless `accessToken` (its access cookie's) opens it.
 */
export async function resolveLink(code: unknown, options: { now?: number; accessToken?: string } = {}): Promise<LinkResolution> {
  const parsed = linkCodeInput.safeParse(code);
  if (!parsed.success) return NOT_FOUND;
  const item = await findLinkByCode(parsed.data);
  const now = options.now ?? Date.now();
  if (!item || isPastRetention(item, now)) return NOT_FOUND;
  const state = linkState(item, now);
  if (state === 'revoked') return NOT_FOUND;
  if (state === 'expired') return EXPIRED;
  const locked = item.passwordHash !== undefined && !(await hasLinkAccess(options.accessToken, item.code, item.passwordHash, now));
  return {
    state: 'active',
    locked,
    counter: counterOf(item),
    link: {
      code: item.code,
      width: item.width,
      height: item.height,
      watermarked: item.watermarked,
      allowDownload: item.allowDownload,
      validUntil: item.validUntil ?? null,
      webpKey: item.webpKey,
      jpegKey: item.jpegKey,
      previewKey: item.previewKey,
      protected: item.passwordHash !== undefined,
      ...(item.members ? { photos: item.members.map(({ n, width, height, webpKey, jpegKey }) => ({ n, width, height, webpKey, jpegKey })) } : {}),
    },
  };
}
