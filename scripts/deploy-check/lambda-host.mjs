// Runs one built Lambda bundle behind Lambda's Invoke API path, the way the local cloud's runtime
// serves the handlers from source. Usage: node lambda-host.mjs <dir> <port> <timeout ms> <function arn>
// Started in the bundle's folder (Lambda's task root, where copyFiles and resource.enc land).
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, port, timeoutMs, functionArn] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(path.join(dir, 'bundle.mjs')).href);
const INVOKE_PATH = /^\/2015-03-31\/functions\/([\w-]+)\/invocations$/;

const server = http.createServer(async (request, response) => {
  const match = INVOKE_PATH.exec(request.url ?? '');
  if (request.method !== 'POST' || !match) return void response.writeHead(404).end();
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const deadline = Date.now() + Number(timeoutMs);
  const context = {
    functionName: match[1],
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: crypto.randomUUID(),
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  try {
    const result = await handler(JSON.parse(Buffer.concat(chunks).toString('utf8')), context);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result ?? null));
  } catch (error) {
    // Lambda's runtime logs what a handler throws, as here.
    console.error('Invoke Error', error);
    const body = { errorType: error?.name ?? 'Error', errorMessage: error?.message ?? String(error) };
    response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }).end(JSON.stringify(body));
  }
});
server.listen(Number(port), '127.0.0.1', () => process.send?.({ ready: server.address().port }));
