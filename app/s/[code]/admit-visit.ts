import { after } from 'next/server';
import { countResolve, resolveRefusal } from '@/lib/links';
import { log } from '@/lib/observability/log';
import { requestSettings } from '@/lib/config';
import { clientAddress } from '@/lib/security/client-address';
import { tooManyRequests } from './responses';

/**
 * The per-IP limit every public /s/ route shares: a 429 response for an address over it; otherwise
 * null, and the visit is counted after the response has gone out.
 */
export function admitVisit(request: Request, now: number): Response | null {
  const ip = clientAddress(request.headers, requestSettings());
  const retryAfter = resolveRefusal(ip, now);
  if (retryAfter !== null) return tooManyRequests(retryAfter);
  after(() => countResolve(ip, now).catch((error: unknown) => log.warn('Could not count a link visit', { error: String(error) })));
  return null;
}
