import { describe, expect, it } from 'vitest';
import { conditionalResult, conditionally } from './conditions';

/** How ElectroDB rejects a write whose condition did not hold: DynamoDB's exception is the cause. */
const conditionFailed = () => Object.assign(new Error('The conditional request failed'), { cause: { name: 'ConditionalCheckFailedException' } });

describe('conditional writes', () => {
  it('answer true, or what the write answered, when the write applied', async () => {
    expect(await conditionally(Promise.resolve(undefined))).toBe(true);
    expect(await conditionalResult(Promise.resolve({ code: 'abc' }))).toEqual({ code: 'abc' });
  });

  it('answer false, or null, when its condition did not hold', async () => {
    expect(await conditionally(Promise.reject(conditionFailed()))).toBe(false);
    expect(await conditionalResult(Promise.reject(conditionFailed()))).toBeNull();
  });

  it('pass any other failure on', async () => {
    await expect(conditionally(Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
    await expect(conditionalResult(Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
  });
});
