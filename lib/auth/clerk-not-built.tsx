import { AuthConfigurationError } from '../config';

/*
 * What `@clerk/nextjs` resolves to in a build made without Clerk's keys (next.config.ts): its client
 * is ~170 KB that every page would load and a site with local accounts never runs. Such a build
 * started with Clerk's keys fails on its first page with this sentence, never silently.
 */

export const CLERK_NOT_BUILT =
  'This build was made without Clerk, for local accounts only. Set CLERK_SECRET_KEY and NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY before `next build` (SST sets them from its secrets).';

function NotBuilt(): never {
  throw new AuthConfigurationError(CLERK_NOT_BUILT);
}

export { NotBuilt as ClerkProvider, NotBuilt as SignIn, NotBuilt as SignUp, NotBuilt as UserButton };
