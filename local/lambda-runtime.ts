import http from 'node:http';
import { invokeInProcess } from './functions';
import { portFromEnv } from './ports';

/*
 * The functions/ handlers behind Lambda's Invoke API path. `npm run dev` runs this file under
 * `tsx watch`, which restarts it when a handler or anything it imports changes: the offline twin of
 * `sst dev`'s live Lambdas. The event bridge posts each SQS batch here.
 */
const port = portFromEnv('LAMBDA_PORT', 4569);
const INVOKE_PATH = /^\/2015-03-31\/functions\/([\w-]+)\/invocations$/;

const server = http.createServer(async (request, response) => {
  const match = INVOKE_PATH.exec(request.url ?? '');
  if (request.method !== 'POST' || !match) {
    response.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const result = await invokeInProcess(match[1]!, JSON.parse(Buffer.concat(chunks).toString('utf8')));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result ?? null));
  } catch (error) {
    // Lambda reports an unhandled error with this header and a 200; the bridge treats it as a failed attempt.
    const body = { errorType: error instanceof Error ? error.name : 'Error', errorMessage: error instanceof Error ? error.message : String(error) };
    response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }).end(JSON.stringify(body));
  }
});

server.listen(port, '127.0.0.1', () => process.send?.('ready'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
