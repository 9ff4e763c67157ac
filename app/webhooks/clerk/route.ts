import { handleClerkWebhook } from '@/lib/account/clerk-webhook';
import { authSettings } from '@/lib/config';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * POST /webhooks/clerk: Clerk's webhooks, signed by Svix (lib/account/clerk-webhook.ts). The body is
 * read as text, since the signature covers its exact bytes. Without Clerk and a signing secret the
 * route does not exist.
 */
export async function POST(request: Request) {
  const settings = authSettings();
  const secret = settings.mode === 'clerk' ? settings.clerk.webhookSigningSecret : undefined;
  if (!secret) return new Response(null, { status: 404, headers: NO_STORE });
  const result = await handleClerkWebhook({ headers: request.headers, body: await request.text() }, secret);
  return Response.json(result.body, { status: result.status, headers: NO_STORE });
}
