import { deleteApiToken, releaseApiTokenSlot } from '../db';
import { UserError } from '../user-error';
import { revokeApiTokenInput } from './schemas';

/** Revokes one of the user's tokens: deleted, so the next request that carries it is refused. */
export async function revokeApiToken(userId: string, input: { tokenId: string }): Promise<void> {
  const { tokenId } = revokeApiTokenInput.parse(input);
  if (!(await deleteApiToken(userId, tokenId))) throw new UserError('There is no such token: it was revoked already, or it is not yours.');
  await releaseApiTokenSlot(userId);
}
