import { createHash } from 'node:crypto';
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function subjectWith(secret: string, value: string) {
  vi.stubEnv('HEADSHOT_LOCAL_CLOUD', '1');
  vi.stubEnv('AUTH_SECRET', secret);
  vi.resetModules();
  const { hashedSubject } = await import('./subject');
  return hashedSubject('address', value);
}

it('keys the hash of an address with a secret, so it cannot be undone by hashing every IPv4 address', async () => {
  const address = '203.0.113.7';
  const keyed = await subjectWith('a'.repeat(40), address);
  expect(keyed).not.toBe(createHash('sha256').update(address).digest('base64url').slice(0, 22));
  expect(await subjectWith('a'.repeat(40), address)).toBe(keyed);
  expect(await subjectWith('b'.repeat(40), address)).not.toBe(keyed);
});

it('counts every address of one IPv6 /64 as one subject, and different /64s apart', async () => {
  const one = await subjectWith('a'.repeat(40), '2001:db8:1:2::1');
  expect(await subjectWith('a'.repeat(40), '2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(one);
  expect(await subjectWith('a'.repeat(40), '2001:db8:1:3::1')).not.toBe(one);
});

it('hashes with a given key as the site hashes with its own, for a check that reads a deployed site’s counters', async () => {
  const { hashedSubject, subjectKeyOf } = await import('./subject');
  expect(hashedSubject('address', '203.0.113.7', subjectKeyOf('a'.repeat(40)))).toBe(await subjectWith('a'.repeat(40), '203.0.113.7'));
});
