import { expireLinkDays, markLinkRevoked } from '../db';
import { revocationTimes } from './expiry';
import { forgetSharedFiles } from './forget-shared-files';
import { revokeLinkInput } from './schemas';

/**
 * Ends one of the owner's links at once: from the next lookup on, the code answers exactly like one
 * that never existed, and the CDN is asked to forget its files (until it has, an edge may still serve
 * them: docs/sharing.md). The item is kept, marked revoked, so that "My links" still shows the link
 * as revoked, with its views, until the retention after its end runs out (GONE_RETENTION_MS).
 */
export async function revokeLink(userId: string, input: unknown, options: { now?: number } = {}): Promise<boolean> {
  const { code } = revokeLinkInput.parse(input);
  const now = options.now ?? Date.now();
  const times = revocationTimes(now);
  const revoked = await markLinkRevoked(userId, code, times);
  if (!revoked) return false;
  // Its counters go when its item does: the figures of an ended link outlive it by nothing.
  await expireLinkDays(userId, code, times.expiresAt);
  await forgetSharedFiles(userId, [revoked], now);
  return true;
}
