import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/*
 * The built Next.js server function, loaded under plain node in a child process and driven with the
 * events a Lambda Function URL sends (payload format 2.0), which is how CloudFront reaches it on AWS.
 */

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

export interface SiteRequest {
  method?: string;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
}

/** The host the function believes it serves; CloudFront forwards it as x-forwarded-host. */
export const SITE_HOST = 'headshot.example.com';
/** The visitor's address, as CloudFront reports it (a documentation address, RFC 5737). */
const VIEWER_ADDRESS = '203.0.113.7';

function functionUrlEvent(target: string, request: SiteRequest) {
  const url = new URL(target, `https://${SITE_HOST}`);
  const method = request.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: request.cookies ?? [],
    // CloudFront appends the viewer's address to X-Forwarded-For (the one hop TRUSTED_PROXY_HOPS trusts).
    headers: { host: SITE_HOST, 'x-forwarded-proto': 'https', 'x-forwarded-for': VIEWER_ADDRESS, 'user-agent': 'headshot-deploy-check', accept: 'text/html,*/*', ...request.headers },
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
export async function startSiteFunction(dir: string, env: Record<string, string>, options: { entry?: string; node: string }): Promise<SiteFunction> {
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
        child.send({ id, event: functionUrlEvent(target, request) });
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
