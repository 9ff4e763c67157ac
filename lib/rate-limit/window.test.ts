import { describe, expect, it } from 'vitest';
import { rememberRefusal, knownRefusalUntil } from './recent-refusals';
import { currentWindow, secondsUntilWindowEnds } from './window';

const rule = { scope: 'test', limit: 3, windowSeconds: 60 };

describe('fixed windows', () => {
  it('are aligned to the epoch, so every instance picks the same one', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 59, 500);
    expect(currentWindow(rule, now)).toEqual({ start: now / 1000 - 59.5, end: now / 1000 + 0.5 });
    expect(currentWindow(rule, now + 500).start).toBe(now / 1000 + 0.5);
  });

  it('say how long to wait, rounded up and never zero', () => {
    const start = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(secondsUntilWindowEnds(rule, start)).toBe(60);
    expect(secondsUntilWindowEnds(rule, start + 59_001)).toBe(1);
    expect(secondsUntilWindowEnds(rule, start + 59_999)).toBe(1);
  });
});

describe('remembered refusals', () => {
  it('hold until the window closes, then are forgotten', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(knownRefusalUntil(rule, 'subject-a', now)).toBeNull();
    rememberRefusal(rule, 'subject-a', now + 10_000);
    expect(knownRefusalUntil(rule, 'subject-a', now + 9_999)).toBe(now + 10_000);
    expect(knownRefusalUntil({ ...rule, scope: 'other' }, 'subject-a', now)).toBeNull();
    expect(knownRefusalUntil(rule, 'subject-b', now)).toBeNull();
    expect(knownRefusalUntil(rule, 'subject-a', now + 10_000)).toBeNull();
  });
});
