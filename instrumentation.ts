/*
 * Runs once when the server starts. The check itself lives in a Node-only module, imported only
 * in the Node.js runtime, so the Edge build never sees process.exit.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}
