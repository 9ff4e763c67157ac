import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';

const require = createRequire(import.meta.url);
// The maintained fork of s3rver: it verifies SigV4 signatures, so presigned URLs behave as on AWS.
const S3rver = require('@20minutes/s3rver') as new (options: object) => S3rverInstance;

interface S3rverInstance extends EventEmitter {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}

/** The emulator's fixed credentials; the SDK signs with them and the emulator checks the signature. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

function corsXml(origins: string[]): string {
  const allowed = origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('');
  return `<CORSConfiguration><CORSRule>${allowed}<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}

export interface S3Emulator {
  endpoint: string;
  port: number;
  events: EventEmitter;
  stop(): Promise<void>;
}

/** Starts the S3 emulator with the buckets already there (created idempotently at every start). */
export async function startS3(options: { directory: string; port: number; buckets: string[]; origins: string[] }): Promise<S3Emulator> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: options.origins.length > 0 ? [corsXml(options.origins)] : [] })),
  });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, port, events: server, stop: () => server.close() };
}
