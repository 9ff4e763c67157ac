import { z } from 'zod';
import { API_TOKEN_LIFETIMES_DAYS } from './limits';

/*
 * Zod only, and no server code: the settings page's form reads these too.
 */

/** What a personal API token may do; each operation of the API names the one it needs. */
export const API_TOKEN_SCOPES = ['images:read', 'images:write', 'analysis', 'links', 'webhooks'] as const;

export const ApiTokenScopeSchema = z.enum(API_TOKEN_SCOPES);
export type ApiTokenScope = z.infer<typeof ApiTokenScopeSchema>;

const tokenIdPattern = /^[A-Za-z0-9_-]{16}$/;
export const apiTokenIdInput = z.string().regex(tokenIdPattern, 'Not a token id.');

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1, 'Give the token a name.').max(60, 'A token name has at most 60 characters.'),
  scopes: z
    .array(ApiTokenScopeSchema)
    .min(1, 'Choose at least one scope.')
    .transform((scopes) => [...new Set(scopes)].sort()),
  /** Days until it expires; null for a token that lasts until it is revoked. */
  expiresInDays: z
    .union(API_TOKEN_LIFETIMES_DAYS.map((days) => z.literal(days)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]])
    .nullable()
    .default(90),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

export const revokeApiTokenInput = z.object({ tokenId: apiTokenIdInput });

/** A token as its owner sees it listed: never its secret, which exists only in the answer that made it. */
export const ApiTokenSchema = z.object({
  tokenId: z.string(),
  name: z.string(),
  scopes: z.array(ApiTokenScopeSchema),
  createdAt: z.number().int(),
  validUntil: z.number().int().nullable(),
  lastUsedAt: z.number().int().nullable(),
  state: z.enum(['active', 'expired']),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;
