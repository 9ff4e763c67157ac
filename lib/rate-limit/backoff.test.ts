import { describe, expect, it } from 'vitest';
import { backoffDelaySeconds, type BackoffRule } from './backoff';

const rule: BackoffRule = { scope: 'test', freeFailures: 3, firstDelaySeconds: 2, maxDelaySeconds: 60, forgetAfterSeconds: 3600 };

describe('backoff delays', () => {
  it('cost nothing for the free failures, then start at the first delay and double with each failure', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((failures) => backoffDelaySeconds(rule, failures))).toEqual([0, 0, 0, 0, 2, 4, 8, 16]);
  });

  it('stop growing at the longest delay, however many failures follow', () => {
    expect([8, 9, 10, 500].map((failures) => backoffDelaySeconds(rule, failures))).toEqual([32, 60, 60, 60]);
  });
});
