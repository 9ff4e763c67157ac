import { NextResponse, type NextRequest } from 'next/server';
import { resources } from '@/lib/aws/resources';
import { authSettings, requestSettings } from '@/lib/config';
import { liveOrigin } from '@/lib/realtime/live-connection';
import { clerkFrontendOrigin, pageContentSecurityPolicy } from '@/lib/security/headers';
import { storageOrigins } from '@/lib/storage';

/**
 * Lets a page request through with its content security policy: a fresh nonce, which Next.js reads
 * from the request's policy and puts on every script it renders, and the same policy on the response.
 */
export async function nextWithContentSecurityPolicy(request: NextRequest): Promise<NextResponse> {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const auth = authSettings();
  const policy = pageContentSecurityPolicy({
    nonce,
    storageOrigins: await storageOrigins([resources.uploadsBucket, resources.mediaBucket]),
    clerkOrigin: auth.mode === 'clerk' ? clerkFrontendOrigin(auth.clerk.publishableKey) : null,
    liveOrigin: liveOrigin(),
    development: requestSettings().development,
  });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}
