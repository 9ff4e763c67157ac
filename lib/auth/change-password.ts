import { deleteSessionsExcept, findUserByEmail, updatePasswordHash } from '../db';
import { enforceRateLimit } from '../rate-limit';
import { UserError } from '../user-error';
import { PASSWORD_CHANGE_PER_SESSION, tooManyAttempts } from './limits';
import { hashPassword, verifyPassword } from './password';
import { changePasswordInput } from './schemas';
import type { Session } from './session';

/**
 * Changes a local account's password, proven by the current one, and ends every other session of the
 * account: whoever held a copied cookie is out. The session that asked stays signed in. Tries are
 * counted per session, so the form is no side door for guessing and nobody else's failures (at
 * sign-in, or from another session) can stop it.
 */
export async function changePassword(session: Session, input: unknown, now = Date.now()): Promise<{ endedSessions: number }> {
  const { currentPassword, newPassword } = changePasswordInput.parse(input);
  await enforceRateLimit(PASSWORD_CHANGE_PER_SESSION, session.sessionId, tooManyAttempts, now);
  const user = await findUserByEmail(session.email);
  if (!user || user.userId !== session.userId) throw new UserError('This account no longer exists.');
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new UserError('Your current password is not right.');
  await updatePasswordHash(user.email, await hashPassword(newPassword));
  return { endedSessions: await deleteSessionsExcept(session.userId, session.sessionId) };
}
