import { findUserByEmail } from '../db';
import { hashPassword, verifyPassword } from './password';
import { signInInput } from './schemas';
import type { Session } from './session';

// A hash to compare against when the email is unknown, so a miss takes as long as a wrong password.
const decoyHash = hashPassword('decoy password that matches nothing');

// Checks a local account's password; null for a wrong email or password alike.
export async function signIn(input: unknown): Promise<Session | null> {
  const { email, password } = signInInput.parse(input);
  const user = await findUserByEmail(email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  return user && valid ? { userId: user.userId, email: user.email } : null;
}
