import { deleteLink } from '../db';
import { revokeLinkInput } from './schemas';

/**
 * Ends one of the owner's links at once. The item is deleted, not flagged: the next lookup finds
 * nothing, so a revoked code answers exactly like one that never existed.
 */
export async function revokeLink(userId: string, input: unknown): Promise<boolean> {
  const { code } = revokeLinkInput.parse(input);
  return deleteLink(userId, code);
}
