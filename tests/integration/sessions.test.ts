import { nanoid } from 'nanoid';
import { describe, expect, it } from 'vitest';
import { changePassword, endSession, readSession, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_EMAIL, signIn, signKnownDevice, signUp, startSession } from '@/lib/auth';
import { findBackoff } from '@/lib/db';
import { backoffDelaySeconds, claimBackoffAttempt, RateLimitedError } from '@/lib/rate-limit';

/* Local accounts' sessions and the attempt limits, through the real table. */

const address = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${nanoid(6)}`;
const newAccount = async (password = 'correct horse battery') => {
  const email = `s-${nanoid(8).toLowerCase()}@example.com`;
  return { email, password, account: await signUp({ email, password }, { address: address() }) };
};

describe('sessions', () => {
  it('ends on sign-out on the server: a copy of the token is dead at once', async () => {
    const { account } = await newAccount();
    const { session, token } = await startSession(account);
    expect(await readSession(token)).toEqual(session);
    await endSession(session);
    expect(await readSession(token)).toBeNull();
  });

  it('all end but the one that asked when the password changes, and only the new password signs in', async () => {
    const { email, password, account } = await newAccount();
    const here = await startSession(account);
    const elsewhere = await Promise.all([startSession(account), startSession(account)]);
    expect(await changePassword(here.session, { currentPassword: password, newPassword: 'a brand new passphrase' })).toEqual({ endedSessions: 2 });
    expect(await readSession(here.token)).toEqual(here.session);
    for (const other of elsewhere) expect(await readSession(other.token)).toBeNull();
    expect(await signIn({ email, password }, { address: address() })).toBeNull();
    expect(await signIn({ email, password: 'a brand new passphrase' }, { address: address() })).toEqual(account);
  });

  it('refuses a password change without the current password', async () => {
    const { account } = await newAccount();
    const { session } = await startSession(account);
    await expect(changePassword(session, { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' })).rejects.toThrow('Your current password is not right.');
  });
});

describe('attempt limits', () => {
  it('let nobody lock an account out: a flood of wrong passwords from many addresses is slowed, while the owner still signs in on a known device and changes the password', async () => {
    const { email, password, account } = await newAccount();
    // The owner's browser signed in before: it holds a known-device cookie, and a session.
    const ownDevice = await signKnownDevice(account.userId);
    const { session } = await startSession(account);
    const now = Date.now();
    const guess = (i: number, at = now, device?: string) => signIn({ email, password: `guess ${i}` }, { address: address(), device, now: at }).catch((error: unknown) => error);

    // Thirty guesses in one moment, each from another address.
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await guess(i));

    // Meanwhile the owner: a typo and then the right password on the known device, and a password change.
    expect(await signIn({ email, password: 'a typo' }, { address: address(), device: ownDevice, now })).toBeNull();
    expect(await signIn({ email, password }, { address: address(), device: ownDevice, now })).toEqual(account);
    expect(await changePassword(session, { currentPassword: password, newPassword: 'a brand new passphrase' }, now)).toEqual({ endedSessions: 0 });

    // The guesses past the free ones each waited for the one before.
    const tried = answers.filter((answer) => answer === null).length;
    expect(tried).toBe(SIGN_IN_PER_EMAIL.freeFailures + 1);
    const refused = answers.find((answer) => answer instanceof RateLimitedError) as RateLimitedError;
    expect(refused.message).toMatch(/^Too many attempts; try again in \d+ seconds?\.$/);
    expect(refused.retryAfterSeconds).toBe(backoffDelaySeconds(SIGN_IN_PER_EMAIL, tried));
    // A device cookie earned by another account is no way round it, nor is the right password on a new device.
    expect(await guess(30, now, await signKnownDevice('usr_someone_else'))).toBeInstanceOf(RateLimitedError);
    await expect(signIn({ email, password: 'a brand new passphrase' }, { address: address(), now })).rejects.toThrow(RateLimitedError);
    // Once the wait is over, one more guess, and the next wait is twice as long.
    const later = now + refused.retryAfterSeconds * 1000;
    expect(await guess(31, later)).toBeNull();
    expect(((await guess(32, later)) as RateLimitedError).retryAfterSeconds).toBe(2 * refused.retryAfterSeconds);
  });

  it('count attempts made at the same moment one at a time: a burst gets no more through than a queue, and none goes uncounted', async () => {
    const rule = { ...SIGN_IN_PER_EMAIL, scope: 'test-backoff-burst' };
    const subject = nanoid();
    const burst = await Promise.allSettled(Array.from({ length: 20 }, () => claimBackoffAttempt(rule, subject, () => 'Too many at once.')));
    const through = burst.filter((claim) => claim.status === 'fulfilled').length;
    expect(through).toBeGreaterThan(0);
    expect(through).toBeLessThanOrEqual(rule.freeFailures + 1);
    expect((await findBackoff(rule.scope, subject))?.failures).toBe(through);
  });

  it(`stop one address after ${SIGN_IN_PER_ADDRESS.limit} tries, whatever the accounts`, async () => {
    const from = address();
    // One clock for every try: on a slow machine the tries could otherwise straddle two windows of the fixed-window limit.
    const now = Date.now();
    for (let i = 0; i < SIGN_IN_PER_ADDRESS.limit; i++) await signIn({ email: `nobody-${i}-${nanoid(4)}@example.com`, password: 'x' }, { address: from, now });
    await expect(signIn({ email: 'nobody@example.com', password: 'x' }, { address: from, now })).rejects.toThrow(RateLimitedError);
    expect(await signIn({ email: 'nobody@example.com', password: 'x' }, { address: address(), now })).toBeNull();
  }, 60_000);
});
