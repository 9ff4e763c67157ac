import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteOwnAccount } from '@/lib/account/delete-own-account';
import { findUserData, holdsUserData } from '@/lib/account/find-user-data';
import { findInconsistencies } from '@/lib/consistency';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens';
import { signUp } from '@/lib/auth';
import { resources } from '@/lib/aws/resources';
import { closeAccount, findImage, findJob, getDb, listDeadLettersByOwner } from '@/lib/db';
import { createUpload } from '@/lib/images';
import { storeDeadLetters } from '@/lib/jobs';
import { MAX_DELIVERY_ATTEMPTS } from '@/lib/jobs/retry-policy';
import { jobTiming } from '@/lib/jobs/timing';
import { createLink } from '@/lib/links';
import { originalKey } from '@/lib/storage';
import { UserError } from '@/lib/user-error';
import { createWebhookEndpoint, DISABLE_AFTER_FAILED_DELIVERIES, emitWebhookEvent, listWebhookEndpoints, MAX_WEBHOOK_ENDPOINTS } from '@/lib/webhooks';
import { postToTarget } from '@/lib/webhooks/post-to-target';
import { deliveryKey, deliverySubject } from '@/lib/webhooks/delivery-subject';
import { GET as listEndpointsRoute, POST as createEndpointRoute } from '@/app/api/v1/webhooks/route';
import { DELETE as deleteEndpointRoute } from '@/app/api/v1/webhooks/[id]/route';
import { fixture, newUserId, uploadAsBrowser, viewLink, waitFor, waitForSettled } from './helpers';
import { sqsEvent } from './sqs-event';

/*
 * Webhooks through the local cloud: events emitted by the real handlers, delivered by the
 * deliver-webhook job the bridge runs, to a real HTTP receiver on loopback (which the local cloud,
 * and only it, allows), and verified with svix's Webhook, an implementation of the Standard Webhooks
 * spec written elsewhere.
 */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A receiver on 127.0.0.1: each path answers as `behaviour` says, and every request is kept. */
function startReceiver(behaviour: (path: string) => { status: number; headers?: Record<string, string> }) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const answer = behaviour(path);
      response.writeHead(answer.status, answer.headers).end('ok');
    });
  });
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    listen: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const receiver = startReceiver((path) => {
  if (path.startsWith('/failing')) return { status: 500 };
  if (path.startsWith('/redirect')) return { status: 302, headers: { location: '/ok/after-redirect' } };
  return { status: 204 };
});

beforeAll(() => receiver.listen());
afterAll(() => receiver.close());

const deliveriesTo = (path: string) => receiver.received.filter((request) => request.path === path);

/** The payload of a delivery, verified as a receiver would: svix checks the signature and the timestamp's freshness. */
function verified(secret: string, delivery: Received) {
  const headers = { 'webhook-id': String(delivery.headers['webhook-id']), 'webhook-timestamp': String(delivery.headers['webhook-timestamp']), 'webhook-signature': String(delivery.headers['webhook-signature']) };
  return new Webhook(secret).verify(delivery.body, headers) as { type: string; timestamp: string; data: Record<string, unknown> };
}

describe('webhooks', () => {
  it('sends a signed image.ready when a real upload is processed, which the spec’s library verifies, and which a wrong secret does not', async () => {
    const userId = newUserId();
    const path = `/ok/${userId}`;
    const { secret, endpoint } = await createWebhookEndpoint(userId, { url: receiver.url(path), events: ['image.ready', 'image.failed'] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    // Kept encrypted: the table does not hold the secret.
    const { data: stored } = await getDb().entities.webhookEndpoint.get({ userId, endpointId: endpoint.endpointId }).go();
    expect(JSON.stringify(stored)).not.toContain(secret.slice('whsec_'.length));

    const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
    expect((await waitForSettled(userId, imageId)).status).toBe('ready');
    const [delivery] = await waitFor('the image.ready delivery', async () => deliveriesTo(path), (list) => list.length > 0);

    expect(delivery!.headers['webhook-id']).toMatch(/^msg_/);
    expect(delivery!.headers['content-type']).toBe('application/json');
    const payload = verified(secret, delivery!);
    expect(payload).toMatchObject({ type: 'image.ready', data: { imageId, width: expect.any(Number), height: expect.any(Number) } });
    expect(Date.parse(payload.timestamp)).toBeGreaterThan(Date.now() - 120_000);
    const { secret: otherSecret } = await createWebhookEndpoint(newUserId(), { url: receiver.url('/ok/other'), events: ['image.ready'] });
    expect(() => verified(otherSecret, delivery!)).toThrow();

    // Delivered and forgotten: no job item or request object is left of it, and the endpoint says when it last arrived.
    await waitFor('the delivery to be forgotten', () => findUserData(userId), (report) => !report.items.some((item) => item.entity === 'job' && JSON.stringify(item.keys).includes('deliver-webhook')) && !report.objects.some((object) => object.key.startsWith('webhook-requests/')));
    expect((await listWebhookEndpoints(userId))[0]).toMatchObject({ state: 'active', lastSuccessAt: expect.any(Number), consecutiveFailures: 0 });
  }, 90_000);

  it('retries a failing receiver with the runner’s backoff, then disables the endpoint after repeated failures and tells its owner', async () => {
    const userId = newUserId();
    const path = `/failing/${userId}`;
    await createWebhookEndpoint(userId, { url: receiver.url(path), events: ['link.viewed'] });
    for (let n = 0; n < DISABLE_AFTER_FAILED_DELIVERIES; n++) await emitWebhookEvent(userId, { type: 'link.viewed', data: { code: `code${n}` } });

    const [endpoint] = await waitFor('the endpoint to be disabled', () => listWebhookEndpoints(userId), (list) => list[0]?.state === 'disabled', 120_000);
    expect(endpoint).toMatchObject({ consecutiveFailures: DISABLE_AFTER_FAILED_DELIVERIES, lastFailure: 'The endpoint answered 500.', disabledAt: expect.any(Number) });

    // Each message was tried MAX_DELIVERY_ATTEMPTS times under one webhook-id, each attempt after the queue's visibility timeout.
    const byMessage = new Map<string, Received[]>();
    for (const request of deliveriesTo(path)) byMessage.set(String(request.headers['webhook-id']), [...(byMessage.get(String(request.headers['webhook-id'])) ?? []), request]);
    expect(byMessage.size).toBe(DISABLE_AFTER_FAILED_DELIVERIES);
    for (const attempts of byMessage.values()) {
      expect(attempts).toHaveLength(MAX_DELIVERY_ATTEMPTS);
      for (let n = 1; n < attempts.length; n++) expect(attempts[n]!.at - attempts[n - 1]!.at).toBeGreaterThanOrEqual(jobTiming().leaseMs);
    }
    // Its owner has each given-up delivery as a dead letter to retry, and nothing more is sent to a disabled endpoint.
    const deadLetters = await listDeadLettersByOwner(userId);
    expect(deadLetters.filter((letter) => letter.kind === 'deliver-webhook')).toHaveLength(DISABLE_AFTER_FAILED_DELIVERIES);
    expect(await emitWebhookEvent(userId, { type: 'link.viewed', data: { code: 'after' } })).toEqual([]);
    // The dead deliveries' requests, kept for Retry, each belong to their job: the consistency check finds no orphan among them.
    const kept = (await findUserData(userId)).objects.filter((object) => object.key.startsWith('webhook-requests/'));
    expect(kept).toHaveLength(DISABLE_AFTER_FAILED_DELIVERIES);
    expect((await findInconsistencies()).filter((found) => found.key.includes(userId))).toEqual([]);
  }, 180_000);

  it('sends image.failed for a photo given up on after its attempts (a dead letter), as one message however often the drain hears of it', async () => {
    const userId = newUserId();
    const path = `/ok/given-up/${userId}`;
    const { secret } = await createWebhookEndpoint(userId, { url: receiver.url(path), events: ['image.ready', 'image.failed'] });
    // An upload whose job is expected; SQS hands its message to the dead-letter drain after the last attempt, and may hand it over twice.
    const { imageId } = await createUpload(userId, { fileName: 'lost.png', contentType: 'image/png', bytes: 1024 });
    const object = { bucket: resources.uploadsBucket, key: originalKey(userId, imageId), eTag: '"given-up"', size: 1024 };
    for (const receive of [1, 2]) expect((await storeDeadLetters(sqsEvent(object, receive))).batchItemFailures).toEqual([]);
    const image = await findImage(userId, imageId);
    expect(image).toMatchObject({ status: 'failed', failureCode: 'dead-letter' });

    const [delivery] = await waitFor('the image.failed delivery', async () => deliveriesTo(path), (list) => list.length > 0);
    expect(verified(secret, delivery!)).toMatchObject({ type: 'image.failed', data: { imageId, code: 'dead-letter', reason: image!.failureReason } });
    // A repeat is the same message: every delivery carries its webhook-id, which the spec tells a receiver to drop the second time.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(new Set(deliveriesTo(path).map((request) => request.headers['webhook-id']))).toEqual(new Set([delivery!.headers['webhook-id']]));
  }, 90_000);

  it('forgets at once a delivery given up on after its account closed: its dead letter, job and request object go, as the rest of the account did', async () => {
    const userId = newUserId();
    const path = `/failing/closed/${userId}`;
    await createWebhookEndpoint(userId, { url: receiver.url(path), events: ['link.viewed'] });
    const [asked] = await emitWebhookEvent(userId, { type: 'link.viewed', data: { code: 'closed' } });
    const ref = { userId, kind: 'deliver-webhook', subjectId: deliverySubject(userId, asked!.endpointId, asked!.messageId).subjectId };
    const key = deliveryKey(ref);
    // Its first attempt fails; then the account closes (its deletion leaves such deliveries to finish), and SQS hands the message to the drain.
    await waitFor('the first attempt', async () => deliveriesTo(path), (list) => list.length > 0);
    await closeAccount(userId, Date.now());
    const object = { bucket: resources.mediaBucket, key, eTag: (await findJob(ref))!.eTag!, size: 1 };
    expect((await storeDeadLetters(sqsEvent(object, MAX_DELIVERY_ATTEMPTS))).batchItemFailures).toEqual([]);
    // At once, not when the sweep next finds the request without its job.
    expect(await listDeadLettersByOwner(userId)).toEqual([]);
    expect(await findJob(ref)).toBeNull();
    expect((await findUserData(userId)).objects.filter((found) => found.key === key)).toEqual([]);
  });

  it('sends link.viewed for a person’s view of a share link, not for a bot’s', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
    expect((await waitForSettled(userId, imageId)).status).toBe('ready');
    const path = `/ok/views/${userId}`;
    const { secret } = await createWebhookEndpoint(userId, { url: receiver.url(path), events: ['link.viewed'] });
    const { code } = await createLink(userId, { imageId });

    expect(await viewLink(code, 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toBe(false);
    expect(await viewLink(code, 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36')).toBe(true);
    const [delivery] = await waitFor('the link.viewed delivery', async () => deliveriesTo(path), (list) => list.length > 0);
    expect(verified(secret, delivery!)).toMatchObject({ type: 'link.viewed', data: { code, imageId } });
    // The bot's view sent nothing: one delivery, for one counted view.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(deliveriesTo(path)).toHaveLength(1);
  }, 90_000);

  it('refuses targets that could reach the service’s own network: a private address, loopback outside the local cloud, plain http, a redirect', async () => {
    const userId = newUserId();
    const refusal = (url: string) => createWebhookEndpoint(userId, { url, events: ['image.ready'] }).then(() => 'accepted', (error: unknown) => (error instanceof UserError ? error.message : `threw ${String(error)}`));
    expect(await refusal('https://10.1.2.3/hook')).toMatch(/10\.1\.2\.3, a private address/);
    expect(await refusal('https://169.254.169.254/latest/meta-data')).toMatch(/a link-local address/);
    expect(await refusal('https://100.64.0.1/hook')).toMatch(/a carrier-grade NAT address/);
    expect(await refusal('https://[fd00::1]/hook')).toMatch(/a unique local address/);
    expect(await refusal('https://[::ffff:192.168.0.1]/hook')).toMatch(/192\.168\.0\.1, a private address/);
    expect(await refusal('ftp://example.com/hook')).toMatch(/https:\/\//);
    expect(await listWebhookEndpoints(userId)).toEqual([]);

    // Outside the local cloud (production's policy), the loopback receiver and plain http are refused before any connection.
    const production = { allowLoopback: false };
    const before = receiver.received.length;
    const body = { headers: {}, body: '{}' };
    expect(await postToTarget(receiver.url('/ok/production'), body, { policy: production })).toEqual({ ok: false, reason: expect.stringMatching(/HTTPS only/) });
    expect(await postToTarget(receiver.url('/ok/production').replace('http:', 'https:'), body, { policy: production })).toEqual({ ok: false, reason: expect.stringMatching(/127\.0\.0\.1, a loopback address/) });
    // A host whose DNS answer is private is refused after resolution, whatever its name.
    expect(await postToTarget('https://innocent.example/hook', body, { policy: production, resolve: async () => [{ address: '93.184.215.14', family: 4 }, { address: '10.0.0.7', family: 4 }] })).toEqual({ ok: false, reason: expect.stringMatching(/10\.0\.0\.7, a private address/) });
    expect(receiver.received.length).toBe(before);

    // The connection goes to the address that was checked: a name only the check resolves (to the receiver) is reached without asking DNS again.
    const port = new URL(receiver.url('/')).port;
    expect(await postToTarget(`http://pinned.invalid:${port}/ok/pinned`, body, { resolve: async () => [{ address: '127.0.0.1', family: 4 }] })).toEqual({ ok: true, status: 204 });

    // A redirect is a failure and is not followed.
    expect(await postToTarget(receiver.url('/redirect/x'), body)).toEqual({ ok: false, reason: expect.stringMatching(/302, a redirect/) });
    expect(deliveriesTo('/ok/after-redirect')).toEqual([]);
  });

  it('caps endpoints per user, and is managed through the API with the webhooks scope only (a revoked token or another scope opens nothing), each owner seeing their own', async () => {
    const userId = newUserId();
    const { token } = await createApiToken(userId, { name: 'hooks', scopes: ['webhooks'] });
    const { token: imagesOnly } = await createApiToken(userId, { name: 'images', scopes: ['images:read'] });
    const { token: stranger } = await createApiToken(newUserId(), { name: 'stranger', scopes: ['webhooks'] });
    const call = async (handler: (request: Request, context: { params: Promise<unknown> }) => Promise<Response>, bearer: string, init: { method?: string; body?: unknown; params?: Record<string, string> } = {}) => {
      const request = new Request('http://localhost/api/v1/webhooks', {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const response = await handler(request, { params: Promise.resolve(init.params ?? {}) });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
    };

    const made = await call(createEndpointRoute, token, { method: 'POST', body: { url: receiver.url('/ok/api'), events: ['analysis.ready'] } });
    expect(made).toMatchObject({ status: 201, body: { secret: expect.stringMatching(/^whsec_/), endpoint: { url: receiver.url('/ok/api'), events: ['analysis.ready'], state: 'active' } } });
    const id = (made.body.endpoint as { id: string }).id;
    // Its answer holds the secret, which a kept answer would store: a retry key is refused, not silently kept.
    const withKey = await createEndpointRoute(
      new Request('http://localhost/api/v1/webhooks', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'retry-1' }, body: JSON.stringify({ url: receiver.url('/ok/api/keyed'), events: ['image.ready'] }) }),
      { params: Promise.resolve({}) },
    );
    expect([withKey.status, ((await withKey.json()) as { detail: string }).detail]).toEqual([400, expect.stringMatching(/takes no Idempotency-Key/)]);
    expect((await call(createEndpointRoute, token, { method: 'POST', body: { url: 'https://10.0.0.1/x', events: ['image.ready'] } })).status).toBe(400);
    expect((await call(listEndpointsRoute, imagesOnly)).status).toBe(403);
    const { token: revoked, apiToken: revokedToken } = await createApiToken(userId, { name: 'revoked', scopes: ['webhooks'] });
    await revokeApiToken(userId, { tokenId: revokedToken.tokenId });
    expect((await call(listEndpointsRoute, revoked)).status).toBe(401);
    expect((await call(deleteEndpointRoute, revoked, { method: 'DELETE', params: { id } })).status).toBe(401);
    expect((await call(listEndpointsRoute, stranger)).body).toEqual({ items: [] });
    expect((await call(deleteEndpointRoute, stranger, { method: 'DELETE', params: { id } })).status).toBe(404);
    const listed = (await call(listEndpointsRoute, token)).body as { items: Record<string, unknown>[] };
    expect(listed.items.map((item) => item.id)).toEqual([id]);
    expect(JSON.stringify(listed)).not.toContain('whsec_');

    for (let n = 1; n < MAX_WEBHOOK_ENDPOINTS; n++) await createWebhookEndpoint(userId, { url: receiver.url(`/ok/api/${n}`), events: ['image.ready'] });
    await expect(createWebhookEndpoint(userId, { url: receiver.url('/ok/api/one-too-many'), events: ['image.ready'] })).rejects.toThrow(/most an account can hold/);

    expect((await call(deleteEndpointRoute, token, { method: 'DELETE', params: { id } })).status).toBe(204);
    expect((await call(deleteEndpointRoute, token, { method: 'DELETE', params: { id } })).status).toBe(404);
    expect(await listWebhookEndpoints(userId)).toHaveLength(MAX_WEBHOOK_ENDPOINTS - 1);
    await createWebhookEndpoint(userId, { url: receiver.url('/ok/api/in-the-freed-slot'), events: ['image.ready'] });
  });

  it('sends account.deleted when the account is deleted, after its endpoints are gone, and then nothing of the account is left, even of a receiver that refused it', async () => {
    const email = `webhooks-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const { userId } = await signUp({ email, password: 'correct horse battery' }, { address: `webhooks-${email}` });
    const path = `/ok/deleted/${userId}`;
    const { secret } = await createWebhookEndpoint(userId, { url: receiver.url(path), events: ['account.deleted'] });
    await createWebhookEndpoint(userId, { url: receiver.url(`/ok/not-subscribed/${userId}`), events: ['image.ready'] });
    // A receiver that never accepts it: tried as often as any delivery, then dropped with the rest of the account.
    const failingPath = `/failing/deleted/${userId}`;
    await createWebhookEndpoint(userId, { url: receiver.url(failingPath), events: ['account.deleted'] });

    await deleteOwnAccount(userId, { email, local: true, clerk: false }, { email });
    const [delivery] = await waitFor('the account.deleted delivery', async () => deliveriesTo(path), (list) => list.length > 0, 90_000);
    expect(verified(secret, delivery!)).toMatchObject({ type: 'account.deleted', data: { userId } });
    expect(deliveriesTo(`/ok/not-subscribed/${userId}`)).toEqual([]);

    const after = await waitFor('the deletion', () => findUserData(userId), (report) => !holdsUserData(report), 90_000);
    expect(after).toMatchObject({ objects: [], items: [] });
    expect(deliveriesTo(path)).toHaveLength(1);
    expect(deliveriesTo(failingPath)).toHaveLength(MAX_DELIVERY_ATTEMPTS);
  }, 180_000);
});
