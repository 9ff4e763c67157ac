import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook } from 'svix';
import type { Report } from './report';
import { siteExpectations } from './site-answers';
import type { SiteFunction, SiteResponse } from './site-function';

/*
 * The public API through the built site, as SST runs it: a personal token made through lib/ in the
 * check's table (as the check makes its account), then the README's walk-through by hand: POST
 * /api/v1/uploads, the PUT to the URL it gives, the process-image bundle processing the photo, GET
 * /api/v1/images/{id} until ready, and one size fetched through …/file's redirect. Before the upload,
 * a loopback receiver is registered through POST /api/v1/webhooks for image.ready; the
 * deliver-webhook bundle must then deliver it, signed so that svix (a Standard Webhooks library)
 * verifies it with the secret the API showed once.
 */

export interface ApiPassContext {
  report: Report;
  root: string;
  site: SiteFunction;
  userId: string;
  /** Polls until settled; reports a ✖ line and answers null when it never is. */
  waitFor: <T>(what: string, read: () => Promise<T | null>, settled: (value: T) => boolean) => Promise<T | null>;
}

const WHAT = 'API: token → POST /api/v1/uploads → PUT → ready through the process-image bundle';
const DELIVERED = 'webhook: image.ready delivered by the deliver-webhook bundle, its signature verified with svix';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on a loopback port (which only the local cloud lets webhooks reach) that keeps what it is sent. */
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[]; close: () => void }> {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, deliveries, close: () => server.close() };
}

/** The whole flow; each failure is reported, and ends it. */
export async function checkApiFlow(context: ApiPassContext): Promise<void> {
  const receiver = await startReceiver();
  try {
    await runApiFlow(context, receiver);
  } finally {
    receiver.close();
  }
}

async function runApiFlow(context: ApiPassContext, receiver: Awaited<ReturnType<typeof startReceiver>>): Promise<void> {
  const { report, root, site, userId, waitFor } = context;
  const { pass, fail } = report;
  const { expectStatus } = siteExpectations(report);
  const { createApiToken } = await import('../../lib/api-tokens');
  const { ImageDetailSchema, UploadSchema } = await import('../../lib/api/images');
  const { ProblemSchema } = await import('../../lib/api/problems');
  const { CreatedWebhookEndpointSchema } = await import('../../lib/api/webhooks');
  const { WebhookPayloadSchema } = await import('../../lib/webhooks/schemas');

  const { token } = await createApiToken(userId, { name: 'deploy:check', scopes: ['images:read', 'images:write', 'webhooks'], expiresInDays: 7 });
  const api = (target: string, init: { method?: string; body?: unknown; token?: string | null } = {}) =>
    site.request(target, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? token}` }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const json = (response: SiteResponse): unknown => JSON.parse(response.body.toString('utf8'));

  // Refused without a token, as a problem document: the route is the API's, not a page's.
  expectStatus('API: GET /api/v1/images without a token', await api('/api/v1/images', { token: null }), 401, (response) =>
    response.headers['content-type']?.startsWith('application/problem+json') && ProblemSchema.safeParse(json(response)).success ? null : `answered ${response.headers['content-type']}, not a problem document`,
  );

  const registered = await api('/api/v1/webhooks', { method: 'POST', body: { url: receiver.url, events: ['image.ready'] } });
  const endpoint = registered.status === 201 ? CreatedWebhookEndpointSchema.safeParse(json(registered)) : null;
  if (!endpoint?.success) {
    fail('API: POST /api/v1/webhooks', `answered ${registered.status}: ${registered.body.toString('utf8').slice(0, 300)}`);
    return;
  }

  const photo = await readFile(path.join(root, 'fixtures', 'portraits', 'jesper-closeup.jpg'));
  const started = await api('/api/v1/uploads', { method: 'POST', body: { fileName: 'portrait.jpg', contentType: 'image/jpeg', bytes: photo.length } });
  const upload = started.status === 201 ? UploadSchema.safeParse(json(started)) : null;
  if (!upload?.success) {
    fail('API: POST /api/v1/uploads', `answered ${started.status}: ${started.body.toString('utf8').slice(0, 300)}`);
    return;
  }
  pass('API: POST /api/v1/uploads', `201, image ${upload.data.id}`);
  const put = await fetch(upload.data.upload.url, { method: 'PUT', body: new Uint8Array(photo), headers: upload.data.upload.headers });
  if (!put.ok) {
    fail('API: PUT to the upload URL', `S3 answered ${put.status}`);
    return;
  }

  const read = async () => {
    const response = await api(`/api/v1/images/${upload.data.id}`);
    const image = response.status === 200 ? ImageDetailSchema.safeParse(json(response)) : null;
    if (!image?.success) throw new Error(`GET /api/v1/images/{id} answered ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`);
    return image.data;
  };
  const image = await waitFor(WHAT, read, (item) => item.status !== 'uploading' && item.status !== 'processing').catch((error: Error) => {
    fail(WHAT, error.message);
    return;
  });
  if (!image) return;
  if (image.status !== 'ready') {
    fail(WHAT, `ended ${image.status}: ${image.failureReason}`);
    return;
  }
  pass(WHAT, `${image.sizes.length} sizes`);

  // The largest WebP size it has, fetched as a client would: the API's redirect, then the short-lived URL.
  const size = image.sizes.filter((each) => each.format === 'webp' && !each.watermarked).sort((a, b) => b.width - a.width)[0];
  if (!size) {
    fail('API: GET /api/v1/images/{id}/file', 'the ready image lists no WebP size');
    return;
  }
  const redirect = await api(`/api/v1/images/${upload.data.id}/file?size=${size.name}&format=webp`);
  if (redirect.status !== 302 || !redirect.headers.location) {
    fail(`API: GET /api/v1/images/{id}/file?size=${size.name}&format=webp`, `answered ${redirect.status}, not a redirect`);
    return;
  }
  const file = await fetch(redirect.headers.location);
  const bytes = Buffer.from(await file.arrayBuffer());
  // A WebP file: a RIFF container of type WEBP.
  if (!file.ok || bytes.subarray(0, 4).toString('latin1') !== 'RIFF' || bytes.subarray(8, 12).toString('latin1') !== 'WEBP') {
    fail(`API: a size fetched through …/file's redirect`, `answered ${file.status} with ${bytes.length} bytes that are not a WebP`);
    return;
  }
  pass(`API: ${size.name} fetched through …/file's redirect`, `${bytes.length} bytes of WebP`);

  const verify = (delivery: Delivery) => {
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(delivery.headers[name])]));
    return WebhookPayloadSchema.parse(new Webhook(endpoint.data.secret).verify(delivery.body, headers));
  };
  const delivery = await waitFor(DELIVERED, async () => receiver.deliveries[0] ?? null, () => true);
  if (!delivery) return;
  try {
    const payload = verify(delivery);
    if (payload.type !== 'image.ready' || payload.data.imageId !== upload.data.id) throw new Error(`it was ${payload.type} about ${String(payload.data.imageId)}`);
    pass(DELIVERED, `${String(delivery.headers['webhook-id'])}, image ${upload.data.id}`);
  } catch (error) {
    fail(DELIVERED, (error as Error).message);
    return;
  }
}
