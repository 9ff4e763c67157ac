import type { RateLimitRule } from './rules';

/**
 * Refusals this instance has already seen, until their window closes. A window's count only grows
 * until the window ends, so a refusal stays true until then: remembering it is never wrong, and it
 * lets a caller refuse again without a database call.
 */
const refusals = new Map<string, number>();

/** Enough subjects for a flood from many addresses, small enough to stay a few hundred KB. */
const MAX_REMEMBERED = 10_000;

function keyOf(rule: RateLimitRule, subject: string): string {
  return `${rule.scope}\u0000${subject}`;
}

export function rememberRefusal(rule: RateLimitRule, subject: string, until: number): void {
  if (refusals.size >= MAX_REMEMBERED) {
    // Forgetting only costs one more database call for that subject.
    const oldest = refusals.keys().next();
    if (!oldest.done) refusals.delete(oldest.value);
  }
  refusals.set(keyOf(rule, subject), until);
}

/** Epoch ms until which the subject is known to be refused under the rule, or null. */
export function knownRefusalUntil(rule: RateLimitRule, subject: string, now: number): number | null {
  const key = keyOf(rule, subject);
  const until = refusals.get(key);
  if (until === undefined) return null;
  if (until <= now) {
    refusals.delete(key);
    return null;
  }
  return until;
}
