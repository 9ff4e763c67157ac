import { z } from 'zod';
import { DEFAULT_CACHE_HIT_RATE, DEFAULT_PAGE_VIEWS_PER_USER, DEFAULT_VIEWS_PER_IMAGE } from './workload';

const count = z.number().int().nonnegative();

export const createCostEstimateInput = z.object({
  users: count,
  /** Images each user uploads in the month. */
  imagesPerUser: z.number().nonnegative(),
  /** How many months of uploads are stored: 1 is the first month; uploads accumulate unless they expire. */
  monthsRetained: z.number().positive().default(1),
  viewsPerImage: z.number().nonnegative().default(DEFAULT_VIEWS_PER_IMAGE),
  pageViewsPerUser: z.number().nonnegative().default(DEFAULT_PAGE_VIEWS_PER_USER),
  /** The share of image requests CloudFront answers from its cache, between 0 and 1. */
  cacheHitRate: z.number().min(0).max(1).default(DEFAULT_CACHE_HIT_RATE),
  /** Whether the web ACL is deployed (WAF, on by default for production stages). */
  waf: z.boolean().default(true),
});
export type CostEstimateInput = z.input<typeof createCostEstimateInput>;

export const CostLineSchema = z.object({
  service: z.string(),
  /** The quantities the line is priced from, for the reader. */
  basis: z.string(),
  /** USD a month with analyze-profile on Rekognition. */
  rekognition: z.number(),
  /** USD a month with the built-in face model. */
  builtIn: z.number(),
});
export type CostLine = z.infer<typeof CostLineSchema>;

export const CostEstimateSchema = z.object({
  input: createCostEstimateInput.required(),
  images: z.number(),
  pricesAsOf: z.string(),
  region: z.string(),
  lines: z.array(CostLineSchema),
  total: z.object({ rekognition: z.number(), builtIn: z.number() }),
});
export type CostEstimate = z.infer<typeof CostEstimateSchema>;
