import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';
import { isProtectedPath } from './protected-paths';

const isProtected = createRouteMatcher((request) => isProtectedPath(request.nextUrl.pathname));

/**
 * Clerk's middleware, with the signed-out visitor sent to sign in on private pages. Clerk does not
 * read CLERK_JWT_KEY by itself; passed explicitly, sessions verify with no network call to Clerk.
 */
export const clerk = clerkMiddleware(
  async (auth, request) => {
    if (isProtected(request)) await auth.protect();
  },
  () => ({ jwtKey: process.env.CLERK_JWT_KEY }),
);
