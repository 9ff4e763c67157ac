import type { AfterTask } from 'next/dist/server/after/after';

/*
 * next/server as the integration files see it (vitest.config.ts). They call the route handlers
 * directly, outside the request scope in which Next.js runs after() once the response has gone out,
 * so here after() runs its task at once: what a handler leaves for later has happened, or is under
 * way, when the test reads it back.
 */

export * from 'next/server.js';

export function after<T>(task: AfterTask<T>): void {
  void (typeof task === 'function' ? task() : task);
}
