import { z } from 'zod';

/** A fixed-window rate limit: at most `limit` hits per subject in each `windowSeconds`. */
export interface RateLimitRule {
  /** Names the counter; two rules never share one. */
  scope: string;
  limit: number;
  windowSeconds: number;
}

export const RateLimitRuleSchema = z.object({
  scope: z.string().regex(/^[a-z][a-z0-9-]*$/),
  limit: z.number().int().positive(),
  windowSeconds: z.number().int().positive(),
});
