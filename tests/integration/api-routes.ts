import createClient from 'openapi-fetch';
import { API_OPERATIONS } from '@/lib/api';
import type { paths } from '../api-client/v1';

/*
 * The API's route handlers behind a `fetch`, as Next.js routes to them: each operation's path in the
 * OpenAPI document names its route file (`/images/{id}` → app/api/v1/images/[id]/route.ts), so a path
 * the document names and no file serves fails here, as it would in the app.
 */

export const API_ORIGIN = 'http://localhost';

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

const routes = [...new Set(Object.values(API_OPERATIONS).map((op) => op.path))].map((path) => {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const pattern = new RegExp(`^/api/v1${path.replace(/\{\w+\}/g, '([^/]+)')}$`);
  const file = `@/app/api/v1${path.replace(/\{(\w+)\}/g, '[$1]')}/route`;
  return { pattern, names, load: () => import(/* @vite-ignore */ file) as Promise<Record<string, Handler | undefined>> };
});

/** A `fetch` that answers /api/v1 requests with the route handlers themselves. */
export async function routeFetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const { pathname } = new URL(request.url);
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const handler = (await route.load())[request.method];
    if (!handler) return new Response(null, { status: 405 });
    const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
    return handler(request, { params: Promise.resolve(params) });
  }
  return new Response(null, { status: 404 });
}

/** The generated client (openapi-typescript's types, openapi-fetch) as one token's owner uses it. */
export function apiClient(token: string | null) {
  return createClient<paths>({ baseUrl: `${API_ORIGIN}/api/v1`, fetch: routeFetch, headers: token ? { authorization: `Bearer ${token}` } : {} });
}
