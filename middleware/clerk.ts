import { clerkMiddleware } from '@clerk/nextjs/server';
import { isProtectedPath } from './protected-paths';

/**
 * Clerk's middleware, with the signed-out visitor sent to sign in on private pages (the pages and
 * actions check again themselves). Clerk does not read CLERK_JWT_KEY by itself; passed explicitly,
 * sessions verify with no network call to Clerk.
 */
export const clerk = clerkMiddleware(
  async (auth, request) => {
    if (isProtectedPath(request.nextUrl.pathname)) await auth.protect();
  },
  () => ({ jwtKey: process.env.CLERK_JWT_KEY }),
);
