import { randomBytes } from 'node:crypto';
import { nanoid } from 'nanoid';
import { Webhook } from 'svix';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleClerkWebhook } from '@/lib/account/clerk-webhook';
import { resources } from '@/lib/aws/resources';
import { findAccountClosure, findSettings, findWebhookDelivery, recordWebhookDelivery, saveWatermark } from '@/lib/db';
import { accountDeletionKey, headObject } from '@/lib/storage';

/*
 * Clerk's user.deleted webhook, through the real table and bucket. Every request is signed here, the
 * way Svix signs Clerk's, with a secret made for the test: no network, no Clerk. (The Clerk user's own
 * deletion, inside the deletion job, is in deletion-races.test.ts.)
 */

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const OTHER_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

const clerkUserId = () => `user_${nanoid(20).replace(/[^A-Za-z0-9]/g, 'x')}`;
const deliveryId = () => `msg_${nanoid(24).replace(/[^A-Za-z0-9]/g, 'x')}`;
const userDeleted = (userId: string) => JSON.stringify({ object: 'event', type: 'user.deleted', data: { id: userId, object: 'user', deleted: true } });

/** A request as Svix sends it: the body, and the three headers that sign it. */
function signed(body: string, options: { secret?: string; id?: string; at?: Date } = {}) {
  const id = options.id ?? deliveryId();
  const at = options.at ?? new Date();
  const signature = new Webhook(options.secret ?? SECRET).sign(id, at, body);
  const headers = new Headers({ 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': signature, 'content-type': 'application/json' });
  return { id, headers, body };
}

/** Nothing of a deletion exists for the user: no closure mark, no request object. */
async function expectNothingWritten(userId: string) {
  expect(await findAccountClosure(userId)).toBeNull();
  expect(await headObject(resources.mediaBucket, accountDeletionKey(userId))).toBeNull();
}

/** The bridge runs the deletion the request object starts; it is over when the closure mark gets its expiry and the request is gone. */
async function waitForDeletion(userId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const closure = await findAccountClosure(userId);
    if (closure?.expiresAt && !(await headObject(resources.mediaBucket, accountDeletionKey(userId)))) return closure;
    if (Date.now() > deadline) throw new Error(`The deletion of ${userId} did not finish in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Clerk webhook: handleClerkWebhook', () => {
  it('a validly signed user.deleted starts the deletion: 200, the closure mark, the job removes the user’s data', async () => {
    const userId = clerkUserId();
    await saveWatermark(userId, { enabled: true, text: 'mine' });
    const request = signed(userDeleted(userId));
    const now = Date.now();

    const result = await handleClerkWebhook(request, SECRET, now);

    expect(result).toEqual({ status: 200, body: { received: true, action: 'deletion-requested' } });
    expect(await findAccountClosure(userId)).toMatchObject({ userId, requestedAt: now });
    expect(await findWebhookDelivery(request.id)).toMatchObject({ deliveryId: request.id, eventType: 'user.deleted' });
    // The request object was written: its arrival ran the deletion job, which emptied the user's partition and removed it.
    await waitForDeletion(userId);
    expect(await findSettings(userId)).toBeNull();
  });

  it('refuses a signature made with another secret (forged): 400, nothing written', async () => {
    const userId = clerkUserId();
    const request = signed(userDeleted(userId), { secret: OTHER_SECRET });
    expect(await handleClerkWebhook(request, SECRET)).toEqual({ status: 400, body: { error: 'bad-signature' } });
    await expectNothingWritten(userId);
    expect(await findWebhookDelivery(request.id)).toBeNull();
  });

  it('refuses a body changed after signing: 400, nothing written', async () => {
    const victim = clerkUserId();
    const request = signed(userDeleted(clerkUserId()));
    expect(await handleClerkWebhook({ ...request, body: userDeleted(victim) }, SECRET)).toEqual({ status: 400, body: { error: 'bad-signature' } });
    await expectNothingWritten(victim);
  });

  it('refuses an unsigned request (no svix headers, or one missing): 400, nothing written', async () => {
    const userId = clerkUserId();
    const body = userDeleted(userId);
    expect(await handleClerkWebhook({ headers: new Headers({ 'content-type': 'application/json' }), body }, SECRET)).toEqual({ status: 400, body: { error: 'unsigned' } });
    const { headers } = signed(body);
    headers.delete('svix-signature');
    expect(await handleClerkWebhook({ headers, body }, SECRET)).toEqual({ status: 400, body: { error: 'unsigned' } });
    await expectNothingWritten(userId);
  });

  it('acknowledges a delivery it already handled (same svix-id, validly signed again) with 200, so Svix keeps the endpoint, and acts no more', async () => {
    const userId = clerkUserId();
    const body = userDeleted(userId);
    const first = signed(body);
    expect((await handleClerkWebhook(first, SECRET)).status).toBe(200);
    const closure = await waitForDeletion(userId);
    const recorded = await findWebhookDelivery(first.id);
    // A second later, so that a deletion run again would move the closure mark's expiry.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const identical = await handleClerkWebhook(first, SECRET);
    const resigned = await handleClerkWebhook(signed(body, { id: first.id }), SECRET);

    expect(identical).toEqual({ status: 200, body: { received: true, action: 'duplicate' } });
    expect(resigned).toEqual({ status: 200, body: { received: true, action: 'duplicate' } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await findAccountClosure(userId)).toEqual(closure);
    expect(await headObject(resources.mediaBucket, accountDeletionKey(userId))).toBeNull();
    expect(await findWebhookDelivery(first.id)).toEqual(recorded);
  });

  it('takes a delivery whose record has expired (the table’s TTL deletes late) for a new one', async () => {
    const userId = clerkUserId();
    const request = signed(userDeleted(userId));
    const past = Date.now() - 2 * 24 * 3600_000;
    expect(await recordWebhookDelivery({ deliveryId: request.id, eventType: 'user.deleted', receivedAt: past, expiresAt: Math.floor(past / 1000) + 3600 }, past)).toBe(true);
    expect(await findWebhookDelivery(request.id)).toBeNull();

    expect((await handleClerkWebhook(request, SECRET)).status).toBe(200);
    expect(await findAccountClosure(userId)).toMatchObject({ userId });
    await waitForDeletion(userId);
  });

  it('refuses a signature 10 minutes old (a replay past svix’s tolerance): 400, nothing written', async () => {
    const userId = clerkUserId();
    const request = signed(userDeleted(userId), { at: new Date(Date.now() - 10 * 60_000) });
    expect(await handleClerkWebhook(request, SECRET)).toEqual({ status: 400, body: { error: 'bad-signature' } });
    await expectNothingWritten(userId);
  });

  it('refuses a validly signed body that is not JSON, or not a Clerk event: 400, nothing written', async () => {
    const userId = clerkUserId();
    const bodies = [
      `{"type":"user.deleted","data":{"id":"${userId}"`,
      JSON.stringify({ type: 'user.deleted' }),
      JSON.stringify({ type: 'user.deleted', data: {} }),
      JSON.stringify({ type: 'user.deleted', data: { id: `${userId}/../other` } }),
      JSON.stringify({ type: 'user.deleted', data: { id: userId, deleted: false } }),
      JSON.stringify([{ type: 'user.deleted', data: { id: userId } }]),
      '',
    ];
    for (const body of bodies) {
      const request = signed(body);
      expect(await handleClerkWebhook(request, SECRET), body).toEqual({ status: 400, body: { error: 'malformed' } });
      expect(await findWebhookDelivery(request.id)).toBeNull();
    }
    await expectNothingWritten(userId);
  });

  it('acknowledges and ignores other events (user.created): 200, nothing written', async () => {
    const userId = clerkUserId();
    const request = signed(JSON.stringify({ object: 'event', type: 'user.created', data: { id: userId, object: 'user', email_addresses: [] } }));
    expect(await handleClerkWebhook(request, SECRET)).toEqual({ status: 200, body: { received: true, action: 'ignored' } });
    await expectNothingWritten(userId);
    expect(await findWebhookDelivery(request.id)).toBeNull();
  });
});

describe('Clerk webhook: POST /webhooks/clerk', () => {
  const CLERK_KEYS = { CLERK_SECRET_KEY: 'sk_test_webhooktest', NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_webhooktest' };

  /** The route module as the server would load it, with the settings read afresh from this environment. */
  async function routeWith(env: Record<string, string>) {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    vi.resetModules();
    return import('@/app/webhooks/clerk/route');
  }

  const post = (request: { headers: Headers; body: string }) => new Request('http://localhost/webhooks/clerk', { method: 'POST', headers: request.headers, body: request.body });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('answers a signed user.deleted with 200, a forged one with 400, never cached', async () => {
    const { POST } = await routeWith({ ...CLERK_KEYS, CLERK_WEBHOOK_SIGNING_SECRET: SECRET });
    const userId = clerkUserId();

    const forged = await POST(post(signed(userDeleted(userId), { secret: OTHER_SECRET })));
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ error: 'bad-signature' });
    expect(forged.headers.get('cache-control')).toBe('no-store');
    await expectNothingWritten(userId);

    const accepted = await POST(post(signed(userDeleted(userId))));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ received: true, action: 'deletion-requested' });
    expect(accepted.headers.get('cache-control')).toBe('no-store');
    expect(await findAccountClosure(userId)).toMatchObject({ userId });
    await waitForDeletion(userId);
  });

  it('does not exist (404) without Clerk and a signing secret: Clerk with none, or local accounts with one', async () => {
    const userId = clerkUserId();
    for (const env of [CLERK_KEYS, { CLERK_WEBHOOK_SIGNING_SECRET: SECRET }]) {
      const { POST } = await routeWith(env);
      const response = await POST(post(signed(userDeleted(userId))));
      expect(response.status).toBe(404);
      vi.unstubAllEnvs();
    }
    await expectNothingWritten(userId);
  });
});
