import { describe, expect, it } from 'vitest';
import { addressRefusal, checkTarget, checkTargetUrl, WebhookTargetRefused } from './target-policy';

const production = { allowLoopback: false };
const localCloud = { allowLoopback: true };
const resolvesTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('where a webhook may go', () => {
  it.each([
    ['10.0.0.1', 'a private address'],
    ['172.16.5.4', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['127.0.0.1', 'a loopback address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['224.0.0.1', 'a multicast address'],
    ['0.0.0.0', 'the unspecified address'],
    ['::1', 'a loopback address'],
    ['fe80::1', 'a link-local address'],
    ['fd12:3456::1', 'a unique local address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['64:ff9b::a00:1', 'a reserved address'],
  ])('refuses %s in production: %s', (address, name) => {
    expect(addressRefusal(address, production)).toContain(name);
  });

  it('accepts public unicast addresses, and loopback only where the local cloud allows it', () => {
    expect(addressRefusal('93.184.215.14', production)).toBeNull();
    expect(addressRefusal('2606:4700::1111', production)).toBeNull();
    expect(addressRefusal('127.0.0.1', localCloud)).toBeNull();
    expect(addressRefusal('::1', localCloud)).toBeNull();
    expect(addressRefusal('10.0.0.1', localCloud)).toContain('a private address');
  });

  it('asks for https in production, and refuses credentials in the URL', () => {
    expect(() => checkTargetUrl('http://example.com/hook', production)).toThrow(/HTTPS only/);
    expect(checkTargetUrl('http://127.0.0.1:8080/hook', localCloud).port).toBe('8080');
    expect(() => checkTargetUrl('https://user:pass@example.com/hook', production)).toThrow(/user name or password/);
    expect(() => checkTargetUrl('not a url', production)).toThrow(WebhookTargetRefused);
  });

  it('checks every address a name resolves to, and connects to the first', async () => {
    await expect(checkTarget('https://hooks.example.com/x', production, resolvesTo('93.184.215.14', '192.168.0.9'))).rejects.toThrow(/192\.168\.0\.9, a private address/);
    await expect(checkTarget('https://hooks.example.com/x', production, resolvesTo())).rejects.toThrow(/could not be found/);
    await expect(checkTarget('https://localhost/x', production, resolvesTo('127.0.0.1'))).rejects.toThrow(/a loopback address/);
    expect(await checkTarget('https://hooks.example.com/x', production, resolvesTo('93.184.215.14', '2606:4700::1111'))).toMatchObject({ address: '93.184.215.14', family: 4 });
    // A literal is its own answer, with no DNS asked.
    const never = () => Promise.reject(new Error('DNS was asked'));
    expect(await checkTarget('https://[2606:4700::1111]/x', production, never)).toMatchObject({ address: '2606:4700::1111', family: 6 });
    await expect(checkTarget('https://0x7f.1/x', production, never)).rejects.toThrow(/127\.0\.0\.1, a loopback address/);
  });
});
