import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';

describe('webhook signing secrets', () => {
  beforeAll(() => {
    process.env.WEBHOOK_SECRET_KEY = 'k'.repeat(43);
  });

  it('are Standard Webhooks secrets, kept encrypted for one endpoint of one user only', async () => {
    const { decryptSigningSecret, encryptSigningSecret, mintSigningSecret } = await import('./signing-secret');
    const secret = mintSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    // The spec's library takes it as it is.
    expect(new Webhook(secret).sign('msg_1', new Date(0), '{}')).toMatch(/^v1,/);

    const owner = { userId: 'usr_a', endpointId: 'ep_aaaaaaaaaaaaaaaa' };
    const stored = encryptSigningSecret(secret, owner);
    expect(stored).not.toContain(secret.slice('whsec_'.length));
    expect(decryptSigningSecret(stored, owner)).toBe(secret);
    expect(() => decryptSigningSecret(stored, { ...owner, endpointId: 'ep_bbbbbbbbbbbbbbbb' })).toThrow();
    expect(() => decryptSigningSecret(stored, { ...owner, userId: 'usr_b' })).toThrow();
  });
});
