// Runs one built Lambda bundle under plain node, behind Lambda's Invoke API path, the way the
// local cloud's runtime serves the handlers from source. Usage: node lambda-host.mjs <dir> <port>
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, port] = process.argv.slice(2);
// Lambda starts a function in its task root, where copyFiles land.
process.chdir(dir);
process.env.LAMBDA_TASK_ROOT = dir;
const { handler } = await import(pathToFileURL(path.join(dir, 'bundle.mjs')).href);
const INVOKE_PATH = /^\/2015-03-31\/functions\/([\w-]+)\/invocations$/;

const server = http.createServer(async (request, response) => {
  const match = INVOKE_PATH.exec(request.url ?? '');
  if (request.method !== 'POST' || !match) return void response.writeHead(404).end();
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const deadline = Date.now() + Number(process.env.FUNCTION_TIMEOUT_MS ?? 60_000);
  const context = { functionName: match[1], awsRequestId: crypto.randomUUID(), getRemainingTimeInMillis: () => deadline - Date.now() };
  try {
    const result = await handler(JSON.parse(Buffer.concat(chunks).toString('utf8')), context);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result ?? null));
  } catch (error) {
    const body = { errorType: error?.name ?? 'Error', errorMessage: error?.message ?? String(error) };
    response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }).end(JSON.stringify(body));
  }
});
server.listen(Number(port), '127.0.0.1', () => process.send?.({ ready: server.address().port }));
