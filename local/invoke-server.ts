import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { invokeInProcess } from './functions';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([\w-]+)\/invocations$/;

/**
 * Lambda's Invoke API over the functions/ handlers, run in this process: the bridge posts SQS batches
 * here under `npm run dev`, and the site invokes describe-faces here through the Lambda SDK, as it
 * would on AWS (AWS_ENDPOINT_URL_LAMBDA points at it).
 */
export async function startInvokeServer(port: number): Promise<{ endpoint: string; stop(): Promise<void> }> {
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
      // Lambda reports an unhandled error with this header and a 200; callers treat it as a failed invocation.
      const body = { errorType: error instanceof Error ? error.name : 'Error', errorMessage: error instanceof Error ? error.message : String(error) };
      response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }).end(JSON.stringify(body));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
