/*
 * Runs once when the server starts. The check itself lives in a Node-only module, imported only
 * in the Node.js runtime, so the Edge build never sees process.exit. Where tracing is on (the
 * server function on Lambda), the tracer is loaded before the first request, so that the server's
 * AWS SDK calls are recorded in each request's trace (lib/observability/tracing.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('./instrumentation-node');
    await (await import('./lib/observability/tracing')).loadTracer();
  }
}
