import type { IncomingMessage } from 'node:http';
import { negotiateSharedFile, type ViewerRequestEvent } from '../lib/links/edge-request';

/**
 * The local cloud has no CloudFront, so the server in front of Next.js stands in for the site's
 * viewer-request function: the request, as CloudFront hands it to the function (the URI still
 * percent-encoded, the query string by name, the headers by lower-case name), through the same code
 * the distribution runs, and the URI and query string it leaves are what Next.js gets.
 */
export function applyViewerRequest(request: IncomingMessage): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const querystring: Record<string, { value: string }> = Object.fromEntries([...url.searchParams].map(([name, value]) => [name, { value }]));
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, { value: Array.isArray(value) ? value.join(',') : (value ?? '') }]));
  const event: ViewerRequestEvent = { request: { uri: url.pathname, querystring, headers } };
  negotiateSharedFile(event);
  if (event.request.uri === url.pathname && event.request.querystring === querystring) return;
  const query = new URLSearchParams(Object.entries(event.request.querystring as Record<string, { value: string }>).map(([name, { value }]) => [name, value])).toString();
  request.url = `${event.request.uri}${query ? `?${query}` : ''}`;
}
