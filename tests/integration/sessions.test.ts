import { nanoid } from 'nanoid';
import { describe, expect, it } from 'vitest';
import { changePassword, endSession, readSession, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_EMAIL, signIn, signUp, startSession } from '@/lib/auth';
import { RateLimitedError } from '@/lib/rate-limit';

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
  it(`stop guessing at one account after ${SIGN_IN_PER_EMAIL.limit} tries, from any address`, async () => {
    const { email } = await newAccount();
    const now = Date.now();
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit; i++) expect(await signIn({ email, password: `guess ${i}` }, { address: address(), now })).toBeNull();
    const refused = await signIn({ email, password: 'guess again' }, { address: address(), now }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as Error).message).toMatch(/^Too many attempts; try again in \d+ minutes?\.$/);
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
