import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { DELIVERY_TIMEOUT_MS, RESPONSE_CAP_BYTES } from './limits';
import { checkTarget, type TargetPolicy, targetPolicy, type Resolve } from './target-policy';

/** How one attempt ended: the receiver's status, or why no status counts (refused target, timeout, network). */
export type PostOutcome = { ok: true; status: number } | { ok: false; reason: string };

/**
 * POSTs a delivery to a checked target: the connection goes to the address that was checked (its
 * `lookup` answers that address and never asks DNS again), a redirect is not followed (a 3xx is a
 * failure), the whole attempt has DELIVERY_TIMEOUT_MS, and at most RESPONSE_CAP_BYTES of the answer
 * are read before the connection is dropped. Only 2xx counts as delivered.
 */
export async function postToTarget(
  rawUrl: string,
  request: { headers: Record<string, string>; body: string },
  options: { policy?: TargetPolicy; resolve?: Resolve; timeoutMs?: number } = {},
): Promise<PostOutcome> {
  let target;
  try {
    target = await checkTarget(rawUrl, options.policy ?? targetPolicy(), options.resolve);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const { url, address, family } = target;
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    // Node asks for every address when it may race IPv4 and IPv6 (autoSelectFamily); there is one.
    if ((lookupOptions as { all?: boolean }).all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = url.protocol === 'https:' ? https : http;
  const signal = AbortSignal.timeout(options.timeoutMs ?? DELIVERY_TIMEOUT_MS);
  return new Promise<PostOutcome>((resolve) => {
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        lookup: pinned,
        signal,
        headers: { ...request.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(request.body)), 'user-agent': 'Headshot-Webhooks/1' },
        // No pooled connection whose address was checked for another delivery.
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > RESPONSE_CAP_BYTES) response.destroy();
        });
        const settle = () => {
          if (status >= 200 && status < 300) resolve({ ok: true, status });
          else if (status >= 300 && status < 400) resolve({ ok: false, reason: `The endpoint answered ${status}, a redirect: webhooks do not follow redirects.` });
          else resolve({ ok: false, reason: `The endpoint answered ${status}.` });
        };
        response.on('end', settle);
        response.on('close', settle);
        response.on('error', settle);
      },
    );
    outgoing.on('error', (error) => {
      resolve({ ok: false, reason: signal.aborted ? `The endpoint did not answer within ${Math.round((options.timeoutMs ?? DELIVERY_TIMEOUT_MS) / 1000)} seconds.` : `The endpoint could not be reached (${(error as NodeJS.ErrnoException).code ?? error.message}).` });
    });
    outgoing.end(request.body);
  });
}
