import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PASSWORD_HASH_LOG2_COST, passwordSettings } from '../config';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and rejects others', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('rejects a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
  });
});

describe('the cost', () => {
  it("is OWASP's 2^17 unless set, and a deployment cannot lower it", () => {
    expect(PASSWORD_HASH_LOG2_COST).toBe(17);
    expect(passwordSettings({})).toEqual({ scryptCost: 131_072 });
    expect(passwordSettings({ PASSWORD_HASH_LOG2_COST: '' })).toEqual({ scryptCost: 131_072 });
    expect(() => passwordSettings({ PASSWORD_HASH_LOG2_COST: '12' })).toThrow(/PASSWORD_HASH_LOG2_COST below 17 is for the local cloud only/);
    expect(() => passwordSettings({ PASSWORD_HASH_LOG2_COST: '18', HEADSHOT_LOCAL_CLOUD: '1' })).toThrow(/Invalid password settings/);
    expect(() => passwordSettings({ PASSWORD_HASH_LOG2_COST: '9', HEADSHOT_LOCAL_CLOUD: '1' })).toThrow(/Invalid password settings/);
  });

  it('may be lowered under the local cloud; a hash is verified at the cost it was made with', async () => {
    expect(passwordSettings({ PASSWORD_HASH_LOG2_COST: '12', HEADSHOT_LOCAL_CLOUD: '1' })).toEqual({ scryptCost: 4096 });
    expect(passwordSettings({ PASSWORD_HASH_LOG2_COST: '17' })).toEqual({ scryptCost: 131_072 });
    const salt = randomBytes(16);
    const key = scryptSync('a cheap one', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = ['scrypt', 1024, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    expect(await verifyPassword('a cheap one', stored)).toBe(true);
    expect(await verifyPassword('a cheap two', stored)).toBe(false);
  });
});
