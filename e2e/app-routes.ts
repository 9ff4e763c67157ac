import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Every page, route handler and server action of app/, found in the files: the list the
 * authorization matrix must cover entry for entry, and the one the bad-input property test visits.
 */

const ROOT = path.resolve(import.meta.dirname, '..');

/** A page or a route handler's method, at its route pattern (`/images/[id]`). */
export interface AppEndpoint {
  kind: 'page' | 'route';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string;
}

function filesUnder(dir: string, name: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => name.test(path.basename(file)))
    .map((file) => path.join(dir, file));
}

/** app/(app)/images/[id]/page.tsx → /images/[id] */
function routeOf(file: string): string {
  const segments = path.relative(path.join(ROOT, 'app'), path.dirname(file)).split(path.sep).filter((segment) => segment && !/^\(.*\)$/.test(segment));
  return `/${segments.join('/')}`;
}

/** Every page (GET) and every method of every route handler, declared as a function or as a constant (`export const GET = apiRoute(…)`). */
export function appEndpoints(): AppEndpoint[] {
  const pages = filesUnder(path.join(ROOT, 'app'), /^page\.tsx$/).map((file): AppEndpoint => ({ kind: 'page', method: 'GET', route: routeOf(file) }));
  const routes = filesUnder(path.join(ROOT, 'app'), /^route\.ts$/).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/export (?:(?:async )?function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match): AppEndpoint => ({ kind: 'route', method: match[1] as AppEndpoint['method'], route: routeOf(file) })),
  );
  return [...pages, ...routes];
}

/** The matrix's names for everything: `page /links`, `route GET /s/[code]`, `action revoke-link.ts#revokeLinkAction`. */
export function discovered(): string[] {
  const endpoints = appEndpoints().map((endpoint) => (endpoint.kind === 'page' ? `page ${endpoint.route}` : `route ${endpoint.method} ${endpoint.route}`));
  const actions = filesUnder(path.join(ROOT, 'app', 'actions'), /\.ts$/)
    .filter((file) => /^['"]use server['"]/m.test(readFileSync(file, 'utf8')))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/export (?:const|async function) (\w+)/g)].map((match) => `action ${path.basename(file)}#${match[1]}`));
  return [...endpoints, ...actions].sort();
}
