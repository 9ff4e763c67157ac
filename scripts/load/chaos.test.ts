import { describe, expect, it } from 'vitest';
import { planFaults } from './chaos';

describe('planFaults', () => {
  it('draws the same plan from the same seed, and another from another', () => {
    const kinds = ['kill-cloud', 'kill-cloud', 'stop-dynamo'] as const;
    expect(planFaults([...kinds], 7)).toEqual(planFaults([...kinds], 7));
    expect(planFaults([...kinds], 7)).not.toEqual(planFaults([...kinds], 8));
  });

  it('strikes every fault once, in order, each in its own slice between 10 % and 85 % of the photos ready', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const plan = planFaults(['kill-cloud', 'kill-cloud', 'stop-dynamo'], seed);
      expect(plan.map((fault) => fault.kind).sort()).toEqual(['kill-cloud', 'kill-cloud', 'stop-dynamo']);
      plan.forEach((fault, position) => {
        expect(fault.atShareReady).toBeGreaterThanOrEqual(0.1 + 0.25 * position);
        expect(fault.atShareReady).toBeLessThan(0.1 + 0.25 * (position + 1));
        expect(fault.delayMs).toBeGreaterThanOrEqual(0);
        expect(fault.delayMs).toBeLessThanOrEqual(1500);
      });
    }
  });
});
