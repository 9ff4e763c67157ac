import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import vm from 'node:vm';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { parse as parseCookies } from 'cookie';
import { s3Client } from '../../lib/aws/clients';
import { MEDIA_VIEWER_REQUEST_FUNCTION } from '../../lib/storage/media-paths';
import { checkSignedCookies, refusalXml, type Refusal } from './signed-cookies';

/*
 * The local stand-in for the distribution's media behaviour (infra/web.ts): on the site's own origin,
 * /media/* is checked as CloudFront checks it (a signed cookie of a trusted key, signed-cookies.ts),
 * its path turned into the bucket's key by the very viewer-request function CloudFront runs, and
 * the object streamed from the S3 emulator with the headers it was stored with. The app never sees
 * these requests, on AWS or here.
 */

type ViewerRequest = (event: unknown) => { uri?: string; statusCode?: number; statusDescription?: string };

/** The media behaviour's viewer-request function, run as CloudFront runs it: plain JavaScript, in a context of its own. */
function viewerRequestFunction(): ViewerRequest {
  const context = vm.createContext({});
  vm.runInContext(MEDIA_VIEWER_REQUEST_FUNCTION, context);
  return context.handler as ViewerRequest;
}

// What S3 answers CloudFront for a key that is not there when the origin access control may not list the bucket.
const S3_ACCESS_DENIED: Refusal = { code: 'AccessDenied', message: 'Access Denied' };

function refuse(response: ServerResponse, status: number, refusal: Refusal): void {
  const body = refusalXml(refusal);
  response.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body), 'X-Cache': 'Error from cloudfront' });
  response.end(body);
}

export function mediaOrigin(options: { bucket: () => string; trustedKeys: ReadonlyMap<string, KeyObject> }) {
  const viewerRequest = viewerRequestFunction();
  return async function serveMedia(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // The behaviour takes GET and HEAD, as a cached behaviour does; CloudFront refuses other methods with a 403.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const body = 'This distribution is not configured to allow the HTTP request method that was used for this request. The distribution supports only cachable requests.';
      response.writeHead(403, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
      response.end(body);
      return;
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    const refusal = checkSignedCookies(
      { url: url.href, cookies: parseCookies(request.headers.cookie ?? ''), viewerAddress: request.socket.remoteAddress ?? '', now: Date.now() },
      options.trustedKeys,
    );
    if (refusal) return refuse(response, 403, refusal);

    const routed = viewerRequest({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: request.socket.remoteAddress }, request: { method: request.method, uri: url.pathname, querystring: {}, headers: {}, cookies: {} } });
    if (routed.statusCode) {
      response.writeHead(routed.statusCode, routed.statusDescription ?? '');
      response.end();
      return;
    }
    let key: string;
    try {
      key = routed.uri!.slice(1).split('/').map(decodeURIComponent).join('/');
    } catch {
      return refuse(response, 403, S3_ACCESS_DENIED);
    }

    try {
      const ifNoneMatch = request.headers['if-none-match'];
      const object = await s3Client().send(new GetObjectCommand({ Bucket: options.bucket(), Key: key, IfNoneMatch: ifNoneMatch }));
      const headers: Record<string, string> = {};
      if (object.ContentType) headers['Content-Type'] = object.ContentType;
      if (object.ContentLength !== undefined) headers['Content-Length'] = String(object.ContentLength);
      if (object.CacheControl) headers['Cache-Control'] = object.CacheControl;
      if (object.ETag) headers.ETag = object.ETag;
      if (object.LastModified) headers['Last-Modified'] = object.LastModified.toUTCString();
      response.writeHead(200, headers);
      if (request.method === 'HEAD') {
        (object.Body as Readable).destroy();
        response.end();
        return;
      }
      (object.Body as Readable).pipe(response);
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 304) {
        response.writeHead(304);
        response.end();
        return;
      }
      if (error instanceof NoSuchKey) return refuse(response, 403, S3_ACCESS_DENIED);
      response.writeHead(502);
      response.end();
    }
  };
}
