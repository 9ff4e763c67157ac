import { createHash } from 'node:crypto';
import 'zod-openapi';
import { z } from 'zod';
import { claimIdempotencyRecord, completeIdempotencyRecord, findIdempotencyRecord, releaseIdempotencyRecord } from '../db';
import { ApiProblem } from './problems';

/*
 * `Idempotency-Key` on the API's POSTs (the IETF httpapi draft's header, as Stripe and others use it):
 * a retry with the same key by the same owner within 24 hours gets the first answer again, status and
 * body, and creates nothing new. Only answers that succeeded are kept: after an error nothing was
 * made, so a retry runs anew.
 */

/** How long a key's first answer is kept: a retry after that is a new request. */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

/** A request that took a key and never finished (its instance died) gives it up after this long. */
export const IDEMPOTENCY_LEASE_SECONDS = 60;

const KEY_RULE = 'An Idempotency-Key is 1 to 255 visible ASCII characters, such as a UUID.';

export const IdempotencyHeadersSchema = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, KEY_RULE)
    .optional()
    .meta({
      description: 'Makes the POST safe to retry: a retry with the same key within 24 hours answers the first answer again (with `Idempotent-Replayed: true`) and creates nothing new. The same key with another request answers 422.',
      example: '5f0c6d1e-8b3a-4a43-9a77-2f1e0c9d4b12',
    }),
});

/** The header that marks a replayed answer. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** The key a request sent, or null for none; an ApiProblem for one that is not a key. */
export function idempotencyKeyOf(headers: Headers): string | null {
  const sent = headers.get('idempotency-key');
  if (sent === null) return null;
  const parsed = IdempotencyHeadersSchema.shape['Idempotency-Key'].safeParse(sent);
  if (!parsed.success) throw new ApiProblem('invalid-request', KEY_RULE, { errors: [{ path: 'Idempotency-Key', message: KEY_RULE }] });
  return parsed.data ?? null;
}

/**
 * For a POST that takes no key (its answer holds a secret that is never kept): a key sent anyway is
 * refused, so that the client does not believe a retry of it is safe.
 */
export function refuseIdempotencyKey(headers: Headers): null {
  if (headers.get('idempotency-key') !== null) {
    throw new ApiProblem('invalid-request', 'This operation takes no Idempotency-Key: its answer holds a secret that is never kept. List what exists before you retry it.');
  }
  return null;
}

/** What a request is, for telling a retry from another request under the same key. */
export interface IdempotentRequest {
  operationId: string;
  /** The URL path, which holds the path parameters. */
  path: string;
  /** The body as sent. */
  body: string;
}

/** A kept answer: its status and JSON body. */
export interface KeptAnswer {
  status: number;
  body: string;
}

/** What a key says about a request: run it and keep or drop its answer, or answer as the first time. */
export type IdempotencyClaim =
  | { replay: null; keep(answer: KeptAnswer): Promise<void>; release(): Promise<void> }
  | { replay: KeptAnswer; keep?: never; release?: never };

function fingerprintOf(request: IdempotentRequest): string {
  return createHash('sha256').update(JSON.stringify([request.operationId, request.path, request.body])).digest('base64url');
}

/**
 * Takes `key` for this request of the owner's. Of requests racing with one key exactly one wins the
 * conditional put and runs; the others see its record: its answer once kept, a 409 while it runs,
 * and a 422 when it was another request.
 */
export async function claimIdempotencyKey(userId: string, key: string, request: IdempotentRequest, now = Date.now()): Promise<IdempotencyClaim> {
  const fingerprint = fingerprintOf(request);
  const nowSeconds = Math.floor(now / 1000);
  const record = { userId, idempotencyKey: key, fingerprint, claimedAt: nowSeconds, expiresAt: nowSeconds + IDEMPOTENCY_WINDOW_SECONDS };
  if (await claimIdempotencyRecord(record, nowSeconds, nowSeconds - IDEMPOTENCY_LEASE_SECONDS)) {
    return {
      replay: null,
      keep: (answer) => completeIdempotencyRecord(userId, key, fingerprint, answer),
      release: () => releaseIdempotencyRecord(userId, key, fingerprint),
    };
  }
  const held = await findIdempotencyRecord(userId, key);
  // Released or expired between the put and the read: the client's retry will find it free.
  if (!held) throw new ApiProblem('idempotency-key-in-use', 'A request with this Idempotency-Key has just ended. Retry it.', {}, { 'Retry-After': '1' });
  if (held.fingerprint !== fingerprint) throw new ApiProblem('idempotency-key-reused', 'This Idempotency-Key was already used for another request. Use a new key for a new request.');
  if (held.state === 'done' && held.status !== undefined && held.body !== undefined) return { replay: { status: held.status, body: held.body } };
  throw new ApiProblem('idempotency-key-in-use', 'The first request with this Idempotency-Key is still running. Retry in a moment.', {}, { 'Retry-After': '1' });
}
