import { deleteSessionsExcept, findUserByEmail, updatePasswordHash } from '../db';
import { enforceRateLimit, hashedSubject } from '../rate-limit';
import { UserError } from '../user-error';
import { SIGN_IN_PER_EMAIL, tooManyAttempts } from './limits';
import { hashPassword, verifyPassword } from './password';
import { changePasswordInput } from './schemas';
import type { Session } from './session';

/**
 * Changes a local account's password, proven by the current one (counted like a sign-in, so the form
 * is no side door for guessing), and ends every other session of the account: whoever held a copied
 * cookie is out. The session that asked stays signed in.
 */
export async function changePassword(session: Session, input: unknown, now = Date.now()): Promise<{ endedSessions: number }> {
  const { currentPassword, newPassword } = changePasswordInput.parse(input);
  await enforceRateLimit(SIGN_IN_PER_EMAIL, hashedSubject('email', session.email), tooManyAttempts, now);
  const user = await findUserByEmail(session.email);
  if (!user || user.userId !== session.userId) throw new UserError('This account no longer exists.');
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new UserError('Your current password is not right.');
  await updatePasswordHash(user.email, await hashPassword(newPassword));
  return { endedSessions: await deleteSessionsExcept(session.userId, session.sessionId) };
}
