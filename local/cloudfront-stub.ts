import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/*
 * Stands in for CloudFront's API where no AWS account is reachable, for the one thing the app asks
 * of it: invalidations. A loopback server that speaks its REST-XML protocol (2020-05-31) and answers
 * as the service does: CreateInvalidation with 201, a Location and the Invalidation, the same
 * CallerReference with the same paths answered with the first invalidation and with other paths
 * refused (InvalidationBatchAlreadyExists), NoSuchDistribution for any distribution but its own;
 * GetInvalidation and ListInvalidations read them back. The SDK reaches it through
 * AWS_ENDPOINT_URL_CLOUDFRONT, so the function's own client and call are used, and a test in
 * another process reads what was invalidated through the same API.
 */

const NAMESPACE = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const API = '/2020-05-31/distribution/';

export interface StubInvalidation {
  id: string;
  callerReference: string;
  paths: string[];
  createTime: string;
}

export interface CloudFrontStub {
  endpoint: string;
  distributionId: string;
  /** Every invalidation created, oldest first. */
  invalidations(): StubInvalidation[];
  /** CreateInvalidation calls received, refused ones included. */
  createCalls(): number;
  /**
   * Refuses the next `times` CreateInvalidation calls (Infinity: until `accept`) as CloudFront does
   * when too many invalidations are in progress on the distribution: 400 TooManyInvalidationsInProgress.
   */
  refuse(times: number): void;
  accept(): void;
  stop(): Promise<void>;
}

class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, isArray: (name) => name === 'Path' });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });
const xml = (root: string, body: Record<string, unknown>) => `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { '@_xmlns': NAMESPACE, ...body } })}`;

/** An id shaped as CloudFront's: 14 upper-case letters and digits. */
function invalidationId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return `I${[...randomBytes(13)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

function invalidationBody(invalidation: StubInvalidation, status: 'InProgress' | 'Completed') {
  return {
    Id: invalidation.id,
    Status: status,
    CreateTime: invalidation.createTime,
    InvalidationBatch: {
      Paths: { Quantity: invalidation.paths.length, Items: { Path: invalidation.paths } },
      CallerReference: invalidation.callerReference,
    },
  };
}

function parseBatch(body: string): { callerReference: string; paths: string[] } {
  const batch = (parser.parse(body) as { InvalidationBatch?: { CallerReference?: string; Paths?: { Quantity?: string; Items?: { Path?: string[] } } } }).InvalidationBatch;
  if (!batch?.CallerReference || !batch.Paths) throw new ServiceError(400, 'MalformedInput', 'The XML document you provided was not well-formed or did not validate.');
  const paths = batch.Paths.Items?.Path ?? [];
  if (Number(batch.Paths.Quantity) !== paths.length) throw new ServiceError(400, 'InconsistentQuantities', 'The value of Quantity and the size of Items don\'t match.');
  if (paths.length === 0 || paths.some((path) => !path.startsWith('/'))) throw new ServiceError(400, 'InvalidArgument', 'Your request contains one or more invalid invalidation paths.');
  return { callerReference: batch.CallerReference, paths };
}

export async function startCloudFrontStub(options: { distributionId: string }): Promise<CloudFrontStub> {
  const created: StubInvalidation[] = [];
  let createCalls = 0;
  let refusals = 0;
  const ownDistribution = (id: string) => {
    if (id !== options.distributionId) throw new ServiceError(404, 'NoSuchDistribution', 'The specified distribution does not exist.');
  };

  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (status: number, body: string, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'content-type': 'text/xml', 'x-amz-request-id': randomUUID(), ...headers }).end(body);
    try {
      const route = url.pathname.startsWith(API) ? url.pathname.slice(API.length).split('/') : [];
      const [distributionId, collection, id, ...rest] = route;
      if (!distributionId || collection !== 'invalidation' || rest.length > 0) throw new ServiceError(404, 'NotFound', `The stub does not answer ${request.method} ${url.pathname}`);
      ownDistribution(distributionId);
      if (request.method === 'POST' && id === undefined) {
        createCalls++;
        if (refusals > 0) {
          refusals--;
          throw new ServiceError(400, 'TooManyInvalidationsInProgress', 'You have exceeded the maximum number of allowable InProgress Invalidation batch requests, or invalidation objects.');
        }
        const batch = parseBatch(Buffer.concat(chunks).toString('utf8'));
        let invalidation = created.find((candidate) => candidate.callerReference === batch.callerReference);
        if (invalidation && invalidation.paths.join('\n') !== batch.paths.join('\n')) {
          throw new ServiceError(409, 'InvalidationBatchAlreadyExists', 'The CallerReference you attempted to create the invalidation with is already in use.');
        }
        if (!invalidation) {
          invalidation = { id: invalidationId(), callerReference: batch.callerReference, paths: batch.paths, createTime: new Date().toISOString() };
          created.push(invalidation);
        }
        const location = `https://cloudfront.amazonaws.com${API}${distributionId}/invalidation/${invalidation.id}`;
        reply(201, xml('Invalidation', invalidationBody(invalidation, 'InProgress')), { location });
      } else if (request.method === 'GET' && id !== undefined) {
        const invalidation = created.find((candidate) => candidate.id === id);
        if (!invalidation) throw new ServiceError(404, 'NoSuchInvalidation', 'The specified invalidation does not exist.');
        // The stub has no edge to wait for: an invalidation is done as soon as it is read back.
        reply(200, xml('Invalidation', invalidationBody(invalidation, 'Completed')));
      } else if (request.method === 'GET') {
        // Newest first, a page of MaxItems after Marker (an invalidation id), as CloudFront lists them.
        const newest = [...created].reverse();
        const marker = url.searchParams.get('Marker');
        const start = marker ? newest.findIndex((candidate) => candidate.id === marker) + 1 : 0;
        const maxItems = Number(url.searchParams.get('MaxItems') ?? 100);
        const page = newest.slice(start, start + maxItems);
        const truncated = start + maxItems < newest.length;
        reply(
          200,
          xml('InvalidationList', {
            Marker: marker ?? '',
            ...(truncated ? { NextMarker: page.at(-1)!.id } : {}),
            MaxItems: maxItems,
            IsTruncated: truncated,
            Quantity: page.length,
            Items: { InvalidationSummary: page.map((invalidation) => ({ Id: invalidation.id, CreateTime: invalidation.createTime, Status: 'Completed' })) },
          }),
        );
      } else {
        throw new ServiceError(405, 'MethodNotAllowed', `The stub does not answer ${request.method} ${url.pathname}`);
      }
    } catch (thrown) {
      const error = thrown instanceof ServiceError ? thrown : new ServiceError(500, 'InternalError', String(thrown));
      reply(error.status, xml('ErrorResponse', { Error: { Type: 'Sender', Code: error.code, Message: error.message }, RequestId: randomUUID() }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    distributionId: options.distributionId,
    invalidations: () => created.map((invalidation) => ({ ...invalidation, paths: [...invalidation.paths] })),
    createCalls: () => createCalls,
    refuse: (times) => void (refusals = times),
    accept: () => void (refusals = 0),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
