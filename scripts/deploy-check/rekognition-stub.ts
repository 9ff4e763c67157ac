import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/*
 * Stands in for Amazon Rekognition where no AWS account is reachable: a loopback server that speaks
 * its JSON protocol and answers DetectFaces with a response recorded from the real service. The SDK
 * reaches it through AWS_ENDPOINT_URL_REKOGNITION, so the function's own client and call are used.
 */
export async function startRekognitionStub(root: string): Promise<{ endpoint: string; calls: string[]; stop(): Promise<void> }> {
  const portrait = await readFile(path.join(root, 'lib/faces/__fixtures__/detect-faces-portrait.json'), 'utf8');
  const calls: string[] = [];
  const server = http.createServer(async (request, response) => {
    for await (const chunk of request) void chunk;
    const target = String(request.headers['x-amz-target'] ?? '');
    calls.push(target);
    if (target === 'RekognitionService.DetectFaces') {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(portrait);
      return;
    }
    response
      .writeHead(400, { 'content-type': 'application/x-amz-json-1.1' })
      .end(JSON.stringify({ __type: 'InvalidParameterException', message: `The stub answers DetectFaces only, not ${target}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
