import { nanoid } from 'nanoid';
import { insertUser } from '../db';
import { enforceRateLimit, hashedSubject } from '../rate-limit';
import { UserError } from '../user-error';
import { SIGN_UP_PER_ADDRESS, tooManyAttempts } from './limits';
import { hashPassword } from './password';
import { signUpInput } from './schemas';
import type { AttemptContext } from './sign-in';

export class AccountExistsError extends UserError {
  override name = 'AccountExistsError';
}

// Creates a local account, within the per-address limit.
export async function signUp(input: unknown, context: AttemptContext): Promise<{ userId: string; email: string }> {
  const { email, password } = signUpInput.parse(input);
  await enforceRateLimit(SIGN_UP_PER_ADDRESS, hashedSubject('address', context.address), tooManyAttempts, context.now);
  const userId = `usr_${nanoid(16)}`;
  const user = await insertUser({ userId, email, passwordHash: await hashPassword(password) });
  if (!user) throw new AccountExistsError('An account with this email already exists. Sign in instead.');
  return { userId: user.userId, email: user.email };
}
