import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/*
 * Stands in for Amazon Rekognition where no AWS account is reachable: a loopback server that speaks
 * its JSON protocol and answers with responses recorded from the real service. The SDK reaches it
 * through AWS_ENDPOINT_URL_REKOGNITION, so the function's own client and calls are used.
 *
 * Collections are kept as Rekognition keeps them: created, filled and emptied by the calls, and a call
 * on a collection that does not exist fails as it does there. That is what lets a test see whether
 * anything of a user is left in the face index.
 */

/** A call the stub was told to keep waiting: `reached` once it arrives, answered once released. */
export interface HeldCall {
  reached: Promise<void>;
  release(): void;
}

export interface RekognitionStub {
  endpoint: string;
  /** Every call answered, by target ("RekognitionService.DetectFaces"). */
  calls: string[];
  /** The collections that exist, each with the ExternalImageId of every face it holds. */
  collections(): Map<string, string[]>;
  /** Keeps the next call to `operation` ("IndexFaces") waiting until released. */
  hold(operation: string): HeldCall;
  /** Fails every call to `operation` with a throttling error, as an overloaded account does, until `succeed`. */
  fail(operation: string): void;
  succeed(operation: string): void;
  stop(): Promise<void>;
}

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

export async function startRekognitionStub(root: string): Promise<RekognitionStub> {
  const recorded = (folder: string, name: string) => readFile(path.join(root, 'lib', folder, '__fixtures__', name), 'utf8');
  const portrait = await recorded('profile-check', 'detect-faces-portrait.json');
  const indexedGroup = JSON.parse(await recorded('people', 'index-faces-group.json')) as { FaceRecords: { Face: Body }[] } & Body;

  /** Collection id → face id → ExternalImageId. */
  const collections = new Map<string, Map<string, string>>();
  const collectionOf = (body: Body) => {
    const collection = collections.get(String(body.CollectionId));
    if (!collection) throw new ServiceError('ResourceNotFoundException', `The collection id: ${String(body.CollectionId)} does not exist`);
    return collection;
  };

  const answers: Record<string, (body: Body) => unknown> = {
    DetectFaces: () => JSON.parse(portrait),
    CreateCollection(body) {
      const id = String(body.CollectionId);
      if (collections.has(id)) throw new ServiceError('ResourceAlreadyExistsException', `The collection id: ${id} already exists`);
      collections.set(id, new Map());
      return { StatusCode: 200, CollectionArn: `aws:rekognition:us-east-1:000000000000:collection/${id}`, FaceModelVersion: '7.0' };
    },
    DescribeCollection: (body) => ({ FaceCount: collectionOf(body).size, FaceModelVersion: '7.0', CollectionARN: `aws:rekognition:us-east-1:000000000000:collection/${String(body.CollectionId)}` }),
    DeleteCollection(body) {
      collectionOf(body);
      collections.delete(String(body.CollectionId));
      return { StatusCode: 200 };
    },
    // The recorded faces of the group photo, as if they were in the photo indexed now, each under a new id.
    IndexFaces(body) {
      const collection = collectionOf(body);
      const externalImageId = String(body.ExternalImageId);
      const FaceRecords = indexedGroup.FaceRecords.map((record) => {
        const faceId = randomUUID();
        collection.set(faceId, externalImageId);
        return { ...record, Face: { ...record.Face, FaceId: faceId, ExternalImageId: externalImageId } };
      });
      return { ...indexedGroup, FaceRecords };
    },
    ListFaces(body) {
      const faces = [...collectionOf(body)].map(([FaceId, ExternalImageId]) => ({ FaceId, ExternalImageId, ImageId: randomUUID(), Confidence: 99.9 }));
      const start = Number(body.NextToken ?? 0);
      const end = start + Number(body.MaxResults ?? 1000);
      return { Faces: faces.slice(start, end), ...(end < faces.length ? { NextToken: String(end) } : {}), FaceModelVersion: '7.0' };
    },
    SearchFaces(body) {
      collectionOf(body);
      return { SearchedFaceId: body.FaceId, FaceMatches: [], FaceModelVersion: '7.0' };
    },
    DeleteFaces(body) {
      const collection = collectionOf(body);
      const ids = (body.FaceIds as string[] | undefined) ?? [];
      const missing = ids.filter((id) => !collection.has(id));
      for (const id of ids) collection.delete(id);
      return { DeletedFaces: ids.filter((id) => !missing.includes(id)), UnsuccessfulFaceDeletions: missing.map((FaceId) => ({ FaceId, Reasons: ['FACE_NOT_FOUND'] })) };
    },
  };

  const holds = new Map<string, { arrived(): void; released: Promise<void> }>();
  const failing = new Set<string>();

  const calls: string[] = [];
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    calls.push(target);
    const operation = target.replace(/^RekognitionService\./, '');
    const held = holds.get(operation);
    if (held) {
      holds.delete(operation);
      held.arrived();
      await held.released;
    }
    const reply = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
    try {
      if (failing.has(operation)) throw new ServiceError('ProvisionedThroughputExceededException', 'Provisioned rate exceeded');
      const answer = answers[operation];
      if (!answer) throw new ServiceError('InvalidParameterException', `The stub does not answer ${target}`);
      reply(200, answer(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Body));
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      reply(400, { __type: error.type, message: error.message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    collections: () => new Map([...collections].map(([id, faces]) => [id, [...faces.values()]])),
    hold(operation) {
      let arrived = () => {};
      let release = () => {};
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.set(operation, { arrived, released });
      return { reached, release };
    },
    fail: (operation) => void failing.add(operation),
    succeed: (operation) => void failing.delete(operation),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
