import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FAKE_ACCOUNT, FAKE_REGION } from './mocks';
import { repoRoot } from '../../scripts/sst-platform';

/*
 * Stands in for the sst CLI's RPC server (SST_SERVER). The Function component asks it for the
 * bootstrap bucket and to build each handler; the stub records every build request and answers with
 * a one-file bundle, so the component goes on to zip it exactly as in a deploy.
 */

export interface BuildRequest {
  functionID: string;
  handler: string;
  /** A prebuilt bundle directory (the Next.js server), if the function was given one. */
  bundle?: string;
  runtime: string;
  links: Record<string, unknown>;
  copyFiles: { from: string; to: string; isDir: boolean }[];
  properties: { install?: Record<string, string>; architecture?: string; [key: string]: unknown };
  /** Whether the handler's source file exists in the repository (what esbuild would fail on). */
  sourceExists: boolean;
}

export interface RpcStub {
  url: string;
  builds: BuildRequest[];
  unknownMethods: string[];
  /** Requests it is still answering: a function's build is asked for over HTTP, which Pulumi's own RPC count does not see. */
  inFlight(): number;
  close(): Promise<void>;
}

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

function sourceOf(handler: string): string {
  return handler.slice(0, handler.lastIndexOf('.'));
}

async function build(input: Omit<BuildRequest, 'sourceExists'>, workDir: string) {
  if (input.bundle) return { handler: input.handler, out: input.bundle, errors: [], sourcemaps: [] };
  const out = await mkdtemp(path.join(workDir, 'build-'));
  const file = path.join(out, `${sourceOf(input.handler)}.mjs`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, 'export const handler = async () => ({ batchItemFailures: [] });\n');
  return { handler: input.handler, out, errors: [], sourcemaps: [] };
}

export async function startRpcStub(workDir: string): Promise<RpcStub> {
  const builds: BuildRequest[] = [];
  const unknownMethods: string[] = [];

  async function answer(method: string, args: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'Provider.Aws.Bootstrap':
        return {
          asset: `sst-asset-${FAKE_ACCOUNT}`,
          assetEcrRegistryId: FAKE_ACCOUNT,
          assetEcrUrl: `${FAKE_ACCOUNT}.dkr.ecr.${FAKE_REGION}.amazonaws.com/sst-asset`,
          state: `sst-state-${FAKE_ACCOUNT}`,
          appsyncHttp: '',
          appsyncRealtime: '',
        };
      case 'Runtime.Build': {
        const input = args as unknown as Omit<BuildRequest, 'sourceExists'>;
        const source = sourceOf(input.handler);
        builds.push({
          ...input,
          sourceExists: Boolean(input.bundle) || SOURCE_EXTENSIONS.some((ext) => existsSync(path.join(repoRoot, source + ext))),
        });
        return build(input, workDir);
      }
      default:
        unknownMethods.push(method);
        throw new Error(`rpc: can't find method ${method}`);
    }
  }

  let inFlight = 0;
  const server = http.createServer((request, response) => {
    inFlight++;
    // One connection a call: a kept-alive socket the server times out (5 s idle, reached under CI's load)
    // while the platform's client reuses it fails that call with ECONNRESET.
    response.setHeader('Connection', 'close');
    response.once('close', () => inFlight--);
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { method, params } = JSON.parse(body) as { method: string; params: [Record<string, unknown>] };
      answer(method, params[0]).then(
        (result) => response.end(JSON.stringify({ result, error: null })),
        (error: unknown) => response.end(JSON.stringify({ result: null, error: error instanceof Error ? error.message : String(error) })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    builds,
    unknownMethods,
    inFlight: () => inFlight,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
