import { nanoid } from 'nanoid';
import { UserError } from '../user-error';
import { insertUser } from '../db';
import { hashPassword } from './password';
import { signUpInput } from './schemas';
import type { Session } from './session';

export class AccountExistsError extends UserError {
  override name = 'AccountExistsError';
}

// Creates a local account and returns its session.
export async function signUp(input: unknown): Promise<Session> {
  const { email, password } = signUpInput.parse(input);
  const userId = `usr_${nanoid(16)}`;
  const user = await insertUser({ userId, email, passwordHash: await hashPassword(password) });
  if (!user) throw new AccountExistsError('An account with this email already exists. Sign in instead.');
  return { userId: user.userId, email: user.email };
}
