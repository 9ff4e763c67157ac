import { markLinkRevoked } from '../db';
import { revocationTimes } from './expiry';
import { revokeLinkInput } from './schemas';

/**
 * Ends one of the owner's links at once: from the next lookup on, the code answers exactly like one
 * that never existed. The item is kept, marked revoked, so that "My links" still shows the link as
 * revoked, with its views, until the retention after its end runs out (GONE_RETENTION_MS).
 */
export async function revokeLink(userId: string, input: unknown, options: { now?: number } = {}): Promise<boolean> {
  const { code } = revokeLinkInput.parse(input);
  return markLinkRevoked(userId, code, revocationTimes(options.now ?? Date.now()));
}
