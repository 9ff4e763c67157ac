import { clerkMiddleware } from '@clerk/nextjs/server';
import { authSettings, requestSettings } from '@/lib/config';
import { nextWithContentSecurityPolicy } from './content-security-policy';
import { holdsMediaAccess, withMediaAccess, withoutStaleMediaAccess } from './media-access';
import { isProtectedPath } from './protected-paths';

/** The app's own sign-in page, for every redirect, as with local accounts. */
export const SIGN_IN_PATH = '/sign-in';

/**
 * Clerk's middleware: the signed-out visitor of a private page is sent to the app's own sign-in page
 * (the pages and actions check again themselves). Sessions verify with CLERK_JWT_KEY, with no network
 * call to Clerk, and only tokens made for this site count: `authorizedParties` is the site's own
 * origin (SITE_URL when it is fixed, else the origin the request reached).
 */
export const clerk = clerkMiddleware(
  async (auth, request) => {
    if (!isProtectedPath(request.nextUrl.pathname)) {
      const response = await nextWithContentSecurityPolicy(request);
      return holdsMediaAccess(request) ? withoutStaleMediaAccess(request, response, (await auth()).userId) : response;
    }
    const { userId } = await auth.protect({ unauthenticatedUrl: new URL(SIGN_IN_PATH, request.url).toString() });
    // Clerk's session token is verified as it is read; it holds until it expires, a minute at most.
    return withMediaAccess(request, await nextWithContentSecurityPolicy(request), { userId, stillSignedIn: async () => true });
  },
  (request) => {
    const settings = authSettings();
    return {
      jwtKey: settings.mode === 'clerk' ? settings.clerk.jwtKey : undefined,
      authorizedParties: [requestSettings().siteUrl ?? request.nextUrl.origin],
      signInUrl: SIGN_IN_PATH,
    };
  },
);
