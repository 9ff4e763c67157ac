import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { VIEWER_ADDRESS_HEADER } from '../../lib/security/client-address';
import { ORIGIN_SECRET_HEADER } from '../../lib/security/origin-secret';

/*
 * The built Next.js server function, loaded under plain node in a child process and driven with the
 * events a Lambda Function URL sends (payload format 2.0), which is how CloudFront reaches it on AWS,
 * with the headers CloudFront adds on the way; or, for a request sent to the URL directly, without them.
 */

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

export interface SiteRequest {
  method?: string;
  /** What the client sent; a client may send an X-Forwarded-For of its own, which CloudFront appends to. */
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  /** The visitor's address, as CloudFront sees it; a documentation address (RFC 5737) unless given. */
  viewer?: string;
  /** Sent straight to the function URL, skipping the distribution: nothing CloudFront adds is added. */
  direct?: boolean;
}

/** The host the function believes it serves; CloudFront forwards it as x-forwarded-host. */
export const SITE_HOST = 'headshot.example.com';
const VIEWER_ADDRESS = '203.0.113.7';
/** The viewer's source port, which CloudFront writes after the address in CloudFront-Viewer-Address. */
const VIEWER_PORT = 46532;

/** What the distribution adds to a request it sends on (infra/web.ts): when the site is checked as deployed, its origin secret. */
export interface CloudFrontHeaders {
  originSecret: string;
}

/** The headers CloudFront adds on the way to the function: its X-Forwarded-For entry, and, as deployed, the origin secret and the viewer's address. */
function addedByCloudFront(request: SiteRequest, cloudFront: CloudFrontHeaders | undefined): Record<string, string> {
  if (request.direct) return {};
  const viewer = request.viewer ?? VIEWER_ADDRESS;
  const sent = request.headers?.['x-forwarded-for'];
  return {
    'x-forwarded-for': sent ? `${sent}, ${viewer}` : viewer,
    // CloudFront writes an IPv6 viewer unbracketed too: the port is whatever follows the last colon.
    ...(cloudFront ? { [ORIGIN_SECRET_HEADER]: cloudFront.originSecret, [VIEWER_ADDRESS_HEADER]: `${viewer}:${VIEWER_PORT}` } : {}),
  };
}

function functionUrlEvent(target: string, request: SiteRequest, cloudFront: CloudFrontHeaders | undefined) {
  const url = new URL(target, `https://${SITE_HOST}`);
  const method = request.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: request.cookies ?? [],
    headers: { host: SITE_HOST, 'x-forwarded-proto': 'https', 'user-agent': 'headshot-deploy-check', accept: 'text/html,*/*', ...request.headers, ...addedByCloudFront(request, cloudFront) },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'deploy-check',
      domainName: SITE_HOST,
      domainPrefix: 'headshot',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'headshot-deploy-check' },
      requestId: `req-${Date.now()}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: request.body,
    isBase64Encoded: false,
  };
}

interface RawResult {
  statusCode: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

export interface SiteFunction {
  request(target: string, request?: SiteRequest): Promise<SiteResponse>;
  /** What the function printed, for the report when something fails. */
  output(): string;
  stop(): void;
}

/**
 * `env` is the function's whole environment, as Lambda would give it: nothing of this process's leaks in.
 * `entry` is the handler's file: OpenNext's index.mjs, or SST's server-index.mjs around it (site-sst-wrapper.ts).
 * `node` is the Node binary it runs under: Lambda's (lambda-node.ts), as the functions do.
 */
export async function startSiteFunction(dir: string, env: Record<string, string>, options: { entry?: string; node: string; cloudFront?: CloudFrontHeaders }): Promise<SiteFunction> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'site-host.mjs'), [dir, options.entry ?? 'index.mjs'], {
    env: env as NodeJS.ProcessEnv,
    execPath: options.node,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const pending = new Map<number, { resolve: (value: RawResult) => void; reject: (error: Error) => void }>();
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server function exited (${code}) while loading:\n${output}`)));
    child.on('message', (message: { ready?: boolean; error?: string; id?: number; result?: RawResult }) => {
      if (message.ready === true) resolve();
      else if (message.ready === false) reject(new Error(`the server function failed to load: ${message.error}`));
      else if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result!);
      }
    });
  });
  await ready;

  let nextId = 0;
  return {
    async request(target, request = {}) {
      const id = nextId++;
      const raw = await new Promise<RawResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, event: functionUrlEvent(target, request, options.cloudFront) });
      });
      return {
        status: raw.statusCode,
        headers: Object.fromEntries(Object.entries(raw.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)])),
        cookies: raw.cookies ?? [],
        body: Buffer.from(raw.body ?? '', raw.isBase64Encoded ? 'base64' : 'utf8'),
      };
    },
    output: () => output,
    stop: () => child.kill('SIGKILL'),
  };
}
