// Loads the OpenNext server function under plain node and answers the parent's Function URL events
// over IPC, one at a time, from the function's folder as Lambda runs it (/var/task).
// Usage: node site-host.mjs <server-function-dir> [entry file, index.mjs unless SST's wrapper]
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, entry = 'index.mjs'] = process.argv.slice(2);
let handler;
try {
  process.chdir(dir);
  ({ handler } = await import(pathToFileURL(path.join(dir, entry)).href));
  process.send({ ready: true });
} catch (error) {
  process.send({ ready: false, error: String(error?.stack ?? error) });
  process.exit(1);
}

process.on('message', async ({ id, event }) => {
  const context = { awsRequestId: `check-${id}`, functionName: 'WebServer', getRemainingTimeInMillis: () => 20_000, callbackWaitsForEmptyEventLoop: true };
  try {
    const result = await handler(event, context);
    process.send({ id, result });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
