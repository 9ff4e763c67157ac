import { Webhook, WebhookVerificationError } from 'svix';
import { z } from 'zod';
import { forgetWebhookDelivery, recordWebhookDelivery } from '../db';
import { log } from '../observability/log';
import { requestAccountDeletion } from './request-account-deletion';

/*
 * Clerk's webhooks, sent through Svix. Only `user.deleted` does anything: the user deleted in Clerk's
 * dashboard is deleted here too, by the same job as "Delete account". Everything else Clerk sends is
 * acknowledged, or Svix would retry it and at last disable the endpoint.
 */

/** How long a delivery's id is remembered: far beyond the five minutes Svix accepts a signature's timestamp for. */
const DELIVERY_MEMORY_SECONDS = 24 * 3600;

/** Svix's signature headers. The id becomes a table key, so it must look like one (Svix's are `msg_…`). */
const SvixHeadersSchema = z.object({
  'svix-id': z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  'svix-timestamp': z.string().regex(/^\d{1,12}$/),
  'svix-signature': z.string().min(1).max(4096),
});

/** Any Clerk event: a type, and data whose shape depends on it. */
const ClerkEventSchema = z.object({ type: z.string().min(1), data: z.looseObject({}) });

/** What `user.deleted` carries: Clerk's user id (`user_…`), which is the user's id here. */
const UserDeletedDataSchema = z.object({
  id: z.string().regex(/^user_[A-Za-z0-9]{1,100}$/),
  deleted: z.literal(true).optional(),
});

export type ClerkWebhookRequest = { headers: Headers; body: string };

export type ClerkWebhookResult =
  | { status: 200; body: { received: true; action: 'deletion-requested' | 'duplicate' | 'ignored' } }
  | { status: 400; body: { error: ClerkWebhookRefusal } };

export type ClerkWebhookRefusal = 'unsigned' | 'bad-signature' | 'malformed';

const refuse = (error: ClerkWebhookRefusal): ClerkWebhookResult => {
  log.warn('Clerk webhook refused', { reason: error });
  return { status: 400, body: { error } };
};

/**
 * Verifies one request from Clerk and acts on it. A request that is unsigned, wrongly signed, signed
 * more than five minutes away from now (svix checks the timestamp against the clock) or malformed is
 * refused with a 400, before anything is written. A delivery already acted on is acknowledged with a
 * 200 and not acted on again: Svix sends a delivery again when it missed the answer, and disables an
 * endpoint that keeps refusing. `now` dates what is written.
 */
export async function handleClerkWebhook(request: ClerkWebhookRequest, secret: string, now = Date.now()): Promise<ClerkWebhookResult> {
  const headers = SvixHeadersSchema.safeParse({
    'svix-id': request.headers.get('svix-id') ?? undefined,
    'svix-timestamp': request.headers.get('svix-timestamp') ?? undefined,
    'svix-signature': request.headers.get('svix-signature') ?? undefined,
  });
  if (!headers.success) return refuse('unsigned');

  let payload: unknown;
  try {
    payload = new Webhook(secret).verify(request.body, headers.data);
  } catch (error) {
    if (error instanceof WebhookVerificationError) return refuse('bad-signature');
    // svix parses the body once the signature holds: a signed body that is not JSON lands here.
    if (error instanceof SyntaxError) return refuse('malformed');
    throw error;
  }

  const event = ClerkEventSchema.safeParse(payload);
  if (!event.success) return refuse('malformed');
  if (event.data.type !== 'user.deleted') return { status: 200, body: { received: true, action: 'ignored' } };
  const user = UserDeletedDataSchema.safeParse(event.data.data);
  if (!user.success) return refuse('malformed');

  const deliveryId = headers.data['svix-id'];
  const delivery = { deliveryId, eventType: event.data.type, receivedAt: now, expiresAt: Math.floor(now / 1000) + DELIVERY_MEMORY_SECONDS };
  if (!(await recordWebhookDelivery(delivery, now))) {
    log.info('Clerk webhook delivery already handled', { deliveryId });
    return { status: 200, body: { received: true, action: 'duplicate' } };
  }
  try {
    await requestAccountDeletion(user.data.id, { requestedBy: 'clerk-webhook' }, now);
  } catch (error) {
    // Svix retries a failed delivery under the same id: it must not find this one recorded.
    await forgetWebhookDelivery(deliveryId).catch((forgetError: unknown) => log.error('Could not forget a failed webhook delivery', { deliveryId, error: String(forgetError) }));
    throw error;
  }
  log.info('Account deletion requested by Clerk', { deliveryId });
  return { status: 200, body: { received: true, action: 'deletion-requested' } };
}
