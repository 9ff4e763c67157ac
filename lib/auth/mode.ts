import { z } from 'zod';

const AuthEnvSchema = z.object({
  CLERK_SECRET_KEY: z.string().min(1).optional(),
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z.string().min(1).optional(),
  /** Set by the local cloud. */
  HEADSHOT_LOCAL_CLOUD: z.literal('1').optional(),
  /** An explicit opt-in to local accounts outside the local cloud (self-hosting without Clerk). */
  LOCAL_AUTH: z.enum(['enabled']).optional(),
  AUTH_SECRET: z.string().optional(),
});

export type AuthMode = 'clerk' | 'local';

export class AuthConfigurationError extends Error {
  override name = 'AuthConfigurationError';
}

/**
 * Clerk when its keys are set; local accounts only under the local cloud or when explicitly
 * enabled. Anything else is a deployment that would let nobody in, or everybody, so it refuses.
 */
export function authMode(env: Record<string, string | undefined> = process.env): AuthMode {
  const parsed = AuthEnvSchema.safeParse(env);
  if (!parsed.success) throw new AuthConfigurationError(`Invalid auth settings: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const config = parsed.data;
  if (config.CLERK_SECRET_KEY && config.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) return 'clerk';
  if (config.CLERK_SECRET_KEY || config.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) {
    throw new AuthConfigurationError('Set both CLERK_SECRET_KEY and NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, or neither.');
  }
  if (config.HEADSHOT_LOCAL_CLOUD || config.LOCAL_AUTH === 'enabled') {
    if (!config.AUTH_SECRET || config.AUTH_SECRET.length < 32) {
      throw new AuthConfigurationError('Local accounts need AUTH_SECRET: at least 32 random characters that sign session cookies.');
    }
    return 'local';
  }
  throw new AuthConfigurationError(
    'No sign-in is configured. Set CLERK_SECRET_KEY and NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY (npx sst secret set …), ' +
      'or set LOCAL_AUTH=enabled and AUTH_SECRET to use local accounts.',
  );
}
