import type { NextRequest, NextResponse } from 'next/server';
import { isAccountClosed } from '@/lib/account/is-account-closed';
import { requestSettings } from '@/lib/config';
import { MEDIA_ACCESS_NOTE_COOKIE, mediaAccessCookies, mediaAccessNeedsRenewal, mediaSigner, staleMediaAccessCookies } from '@/lib/media-access';

/** The user the proxy's session check named, and how to confirm it still holds (a local session can be ended before its token expires). */
export interface MediaAccessClaim {
  userId: string;
  stillSignedIn(): Promise<boolean>;
}

/**
 * Adds CloudFront's signed cookies for the signed-in user's own media to a page's response, when the
 * browser has none for this user or they are half gone (lib/media-access). The user is the one the
 * session names, never anything the request asks for; before signing, the session is confirmed and
 * the account checked for closure, a read made once per renewal, not on every page.
 */
export async function withMediaAccess(request: NextRequest, response: NextResponse, claim: MediaAccessClaim | null): Promise<NextResponse> {
  if (!claim || response.headers.has('location')) return response;
  const now = Date.now();
  if (!mediaAccessNeedsRenewal(request.cookies.get(MEDIA_ACCESS_NOTE_COOKIE)?.value, claim.userId, now)) return response;
  const signer = mediaSigner();
  if (!signer || !(await claim.stillSignedIn()) || (await isAccountClosed(claim.userId))) return response;
  const settings = requestSettings();
  const cookies = mediaAccessCookies({ userId: claim.userId, siteOrigin: settings.siteUrl ?? request.nextUrl.origin, secure: !settings.localCloud, now }, signer);
  for (const cookie of cookies) response.cookies.set(cookie);
  return response;
}

/** Whether the request carries the note of a media grant, so that a page the session does not guard has anything to check. */
export function holdsMediaAccess(request: NextRequest): boolean {
  return request.cookies.has(MEDIA_ACCESS_NOTE_COOKIE);
}

/**
 * Takes away the media cookies a browser holds for a user who is no longer the one signed in there
 * (`signedIn`, null for nobody): after signing out, the next page (the sign-in page) expires them,
 * rather than leave them to their two hours.
 */
export function withoutStaleMediaAccess(request: NextRequest, response: NextResponse, signedIn: string | null): NextResponse {
  const stale = staleMediaAccessCookies(request.cookies.get(MEDIA_ACCESS_NOTE_COOKIE)?.value, signedIn, !requestSettings().localCloud);
  for (const cookie of stale) response.cookies.set(cookie);
  return response;
}
