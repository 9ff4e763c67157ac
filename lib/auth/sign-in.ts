import { isAccountClosed } from '../account/is-account-closed';
import { findUserByEmail } from '../db';
import { enforceRateLimit, hashedSubject } from '../rate-limit';
import { SIGN_IN_PER_ADDRESS, SIGN_IN_PER_EMAIL, tooManyAttempts } from './limits';
import { hashPassword, verifyPassword } from './password';
import { signInInput } from './schemas';

// A hash to compare against when the email is unknown, so a miss takes as long as a wrong password.
const decoyHash = hashPassword('decoy password that matches nothing');

/** Who is asking: the client's address, for the per-address limit. */
export interface AttemptContext {
  address: string;
  now?: number;
}

// Checks a local account's password, within the attempt limits; null for a wrong email or password alike.
export async function signIn(input: unknown, context: AttemptContext): Promise<{ userId: string; email: string } | null> {
  const { email, password } = signInInput.parse(input);
  await enforceRateLimit(SIGN_IN_PER_ADDRESS, hashedSubject('address', context.address), tooManyAttempts, context.now);
  await enforceRateLimit(SIGN_IN_PER_EMAIL, hashedSubject('email', email), tooManyAttempts, context.now);
  const user = await findUserByEmail(email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !valid) return null;
  // An account being deleted is as good as gone, from the moment its owner asked.
  return (await isAccountClosed(user.userId)) ? null : { userId: user.userId, email: user.email };
}
