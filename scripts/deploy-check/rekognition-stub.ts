import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/*
 * Stands in for Amazon Rekognition where no AWS account is reachable: a loopback server that speaks
 * its JSON protocol and answers with responses recorded from the real service. The SDK reaches it
 * through AWS_ENDPOINT_URL_REKOGNITION, so the function's own client and calls are used.
 */
export async function startRekognitionStub(root: string): Promise<{ endpoint: string; calls: string[]; stop(): Promise<void> }> {
  const recorded = (folder: string, name: string) => readFile(path.join(root, 'lib', folder, '__fixtures__', name), 'utf8');
  const answers: Record<string, (body: Record<string, unknown>) => string> = {};
  const portrait = await recorded('profile-check', 'detect-faces-portrait.json');
  const indexedGroup = await recorded('people', 'index-faces-group.json');
  answers['RekognitionService.DetectFaces'] = () => portrait;
  answers['RekognitionService.CreateCollection'] = (body) =>
    JSON.stringify({ StatusCode: 200, CollectionArn: `aws:rekognition:us-east-1:000000000000:collection/${String(body.CollectionId)}`, FaceModelVersion: '7.0' });
  // The recorded faces of the group photo, as if they were in the photo indexed now.
  answers['RekognitionService.IndexFaces'] = (body) => indexedGroup.replaceAll(/"ExternalImageId": "[^"]*"/g, `"ExternalImageId": ${JSON.stringify(body.ExternalImageId)}`);
  answers['RekognitionService.SearchFaces'] = (body) => JSON.stringify({ SearchedFaceId: body.FaceId, FaceMatches: [], FaceModelVersion: '7.0' });
  answers['RekognitionService.DeleteFaces'] = (body) => JSON.stringify({ DeletedFaces: body.FaceIds, UnsuccessfulFaceDeletions: [] });
  answers['RekognitionService.DeleteCollection'] = () => JSON.stringify({ StatusCode: 200 });

  const calls: string[] = [];
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    calls.push(target);
    const answer = answers[target];
    if (answer) {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(answer(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>));
      return;
    }
    response
      .writeHead(400, { 'content-type': 'application/x-amz-json-1.1' })
      .end(JSON.stringify({ __type: 'InvalidParameterException', message: `The stub does not answer ${target}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
