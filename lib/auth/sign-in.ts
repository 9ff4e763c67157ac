import { isAccountClosed } from '../account/is-account-closed';
import { findUserByEmail } from '../db';
import { claimBackoffAttempt, enforceRateLimit, hashedSubject, refundBackoffAttempt, refundRateLimit } from '../rate-limit';
import { knownDevice } from './known-device';
import { SIGN_IN_PER_ADDRESS, SIGN_IN_PER_DEVICE, SIGN_IN_PER_EMAIL, tooManyAttempts, tooManyAttemptsForSeconds } from './limits';
import { hashPassword, verifyPassword } from './password';
import { signInInput } from './schemas';

// A hash to compare against when the email is unknown, so a miss takes as long as a wrong password.
const decoyHash = hashPassword('decoy password that matches nothing');

/** Who is asking: the client's address, and the device cookie's token when the browser has one. */
export interface AttemptContext {
  address: string;
  device?: string;
  now?: number;
}

/**
 * Checks a local account's password; null for a wrong email or password alike. Only failures count:
 * a device that has signed in to this account before against its own count, any other against its
 * address's count and the account's backoff (lib/auth/limits.ts). A right password takes its attempt back.
 */
export async function signIn(input: unknown, context: AttemptContext): Promise<{ userId: string; email: string } | null> {
  const { email, password } = signInInput.parse(input);
  const now = context.now ?? Date.now();
  const user = await findUserByEmail(email);
  const device = user ? await knownDevice(context.device, user.userId) : null;

  const counter = device ? { rule: SIGN_IN_PER_DEVICE, subject: device.deviceId } : { rule: SIGN_IN_PER_ADDRESS, subject: hashedSubject('address', context.address) };
  await enforceRateLimit(counter.rule, counter.subject, tooManyAttempts, now);
  const claim = device ? null : await claimBackoffAttempt(SIGN_IN_PER_EMAIL, hashedSubject('email', email), tooManyAttemptsForSeconds, now);

  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  // An account being deleted is as good as gone, from the moment its owner asked.
  const account = user && valid && !(await isAccountClosed(user.userId)) ? { userId: user.userId, email: user.email } : null;
  if (account) {
    await Promise.all([refundRateLimit(counter.rule, counter.subject, now), claim && refundBackoffAttempt(claim)]);
  }
  return account;
}
