import { describe, expect, it } from 'vitest';
import { expiryTimes, GONE_RETENTION_MS } from './expiry';
import { linkState } from './to-link';

const created = Date.UTC(2026, 0, 1);

describe('link expiry', () => {
  it('keeps a one-hour link active for exactly an hour, then expired, then gone after the retention', () => {
    const times = expiryTimes('1h', created);
    expect(times.validUntil).toBe(created + 3_600_000);
    expect(linkState(times, created + 3_600_000 - 1)).toBe('active');
    expect(linkState(times, created + 3_600_000)).toBe('expired');
    expect(linkState(times, created + 3_600_000 + GONE_RETENTION_MS + 1000)).toBe('not-found');
  });

  it('sets the TTL in epoch seconds, after the link stops working', () => {
    const { validUntil, expiresAt } = expiryTimes('7d', created);
    expect(expiresAt! * 1000).toBeGreaterThanOrEqual(validUntil! + GONE_RETENTION_MS);
    expect(expiresAt).toBeLessThan(1e11);
  });

  it('never expires a "never" link and gives it no TTL', () => {
    expect(expiryTimes('never', created)).toEqual({});
    expect(linkState({}, created + 100 * 365 * 86_400_000)).toBe('active');
  });
});
