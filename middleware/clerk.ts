import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';
import { isProtectedPath } from './protected-paths';

const isProtected = createRouteMatcher((request) => isProtectedPath(request.nextUrl.pathname));

/** Clerk's middleware, with the signed-out visitor sent to sign in on private pages. */
export const clerk = clerkMiddleware(async (auth, request) => {
  if (isProtected(request)) await auth.protect();
});
