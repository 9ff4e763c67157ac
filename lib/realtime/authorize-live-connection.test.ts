import { describe, expect, it } from 'vitest';
import { connectionLifetimeSeconds } from './authorize-live-connection';
import { DEFAULT_LIVE_TOKEN_TTL_SECONDS, IOT_MAX_CONNECTION_SECONDS, IOT_MIN_CONNECTION_SECONDS } from './limits';

describe('a live connection lasts as long as its token', () => {
  const issuedAt = 1_800_000_000;
  const token = (lifetime: number) => ({ issuedAt, expiresAt: issuedAt + lifetime });
  const at = (seconds: number) => (issuedAt + seconds) * 1000;

  it('lasts what the token has left, which for a fresh token is its whole lifetime', () => {
    expect(connectionLifetimeSeconds(token(DEFAULT_LIVE_TOKEN_TTL_SECONDS), at(0))).toBe(DEFAULT_LIVE_TOKEN_TTL_SECONDS);
    expect(connectionLifetimeSeconds(token(DEFAULT_LIVE_TOKEN_TTL_SECONDS), at(100.5))).toBe(DEFAULT_LIVE_TOKEN_TTL_SECONDS - 100);
  });

  it('stays within what AWS IoT accepts (300–86,400 s) for tokens of the default lifetime or longer', () => {
    for (const [lifetime, second] of [[DEFAULT_LIVE_TOKEN_TTL_SECONDS, DEFAULT_LIVE_TOKEN_TTL_SECONDS - 10], [DEFAULT_LIVE_TOKEN_TTL_SECONDS, 0], [200_000, 0]]) {
      const seconds = connectionLifetimeSeconds(token(lifetime!), at(second!));
      expect(seconds).toBeGreaterThanOrEqual(IOT_MIN_CONNECTION_SECONDS);
      expect(seconds).toBeLessThanOrEqual(IOT_MAX_CONNECTION_SECONDS);
    }
  });

  it('gives a token issued for less than IoT’s minimum (tests shorten it) what it has left', () => {
    expect(connectionLifetimeSeconds(token(3), at(0.2))).toBe(3);
  });
});
