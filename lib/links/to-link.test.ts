import { describe, expect, it } from 'vitest';
import { expiryTimes, GONE_RETENTION_MS, revocationTimes } from './expiry';
import { isPastRetention, linkState } from './to-link';

const created = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

describe('link expiry', () => {
  it('keeps a one-hour link active for exactly an hour, then expired, then gone after the retention', () => {
    const times = expiryTimes('1h', created);
    expect(times.validUntil).toBe(created + HOUR);
    expect(linkState(times, created + HOUR - 1)).toBe('active');
    expect(linkState(times, created + HOUR)).toBe('expired');
    expect(isPastRetention(times, created + HOUR + GONE_RETENTION_MS - 1000)).toBe(false);
    expect(isPastRetention(times, created + HOUR + GONE_RETENTION_MS + 1000)).toBe(true);
  });

  it('sets the TTL in epoch seconds, after the link stops working', () => {
    const { validUntil, expiresAt } = expiryTimes('7d', created);
    expect(expiresAt! * 1000).toBeGreaterThanOrEqual(validUntil! + GONE_RETENTION_MS);
    expect(expiresAt).toBeLessThan(1e11);
  });

  it('never expires a "never" link and gives it no TTL', () => {
    expect(expiryTimes('never', created)).toEqual({});
    expect(linkState({}, created + 100 * 365 * 86_400_000)).toBe('active');
    expect(isPastRetention({}, created + 100 * 365 * 86_400_000)).toBe(false);
  });
});

describe('revoking', () => {
  it('ends a link at once and keeps it for the retention from then, whatever its expiry', () => {
    const revokedAt = created + 2 * HOUR;
    const revoked = { ...expiryTimes('never', created), ...revocationTimes(revokedAt) };
    expect(linkState(revoked, revokedAt)).toBe('revoked');
    expect(revoked.expiresAt * 1000).toBeGreaterThanOrEqual(revokedAt + GONE_RETENTION_MS);
    expect(isPastRetention(revoked, revokedAt + GONE_RETENTION_MS - 1000)).toBe(false);
    expect(isPastRetention(revoked, revokedAt + GONE_RETENTION_MS + 1000)).toBe(true);
    // Revoked before its hour ran out, it stays revoked after: the owner ended it, it did not expire.
    expect(linkState({ ...expiryTimes('1h', created), revokedAt: created + 1000 }, created + 2 * HOUR)).toBe('revoked');
  });
});
