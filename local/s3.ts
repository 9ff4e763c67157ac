import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';

const require = createRequire(import.meta.url);
// The maintained fork of s3rver: it verifies SigV4 signatures, so presigned URLs behave as on AWS.
const S3rver = require('@20minutes/s3rver') as new (options: object) => S3rverInstance;

interface MetadataStore {
  getMetadata(bucket: string, key: string): Promise<unknown>;
  putMetadata(bucket: string, key: string, ...rest: unknown[]): Promise<unknown>;
}

interface S3rverInstance extends EventEmitter {
  store: MetadataStore;
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}

/**
 * S3 replaces an object's metadata atomically; the emulator rewrites its metadata file in place (a
 * copy onto itself, which is how a redrive announces an object again), so a read at that moment
 * could find the file half-written and answer 500. Reads of a key wait for a rewrite of that key.
 */
function atomicMetadata(store: MetadataStore): void {
  const rewriting = new Map<string, Promise<unknown>>();
  const put = store.putMetadata.bind(store);
  const get = store.getMetadata.bind(store);
  store.putMetadata = (bucket, key, ...rest) => {
    const id = `${bucket}/${key}`;
    const write = (rewriting.get(id) ?? Promise.resolve()).then(() => put(bucket, key, ...rest));
    const settled = write.catch(() => undefined).finally(() => {
      if (rewriting.get(id) === settled) rewriting.delete(id);
    });
    rewriting.set(id, settled);
    return write;
  };
  store.getMetadata = async (bucket, key) => {
    await rewriting.get(`${bucket}/${key}`);
    return get(bucket, key);
  };
}

/**
 * The emulator encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 (Node 18+)
 * only offers through its legacy provider: every listing of more than 1000 keys would fail with a 500.
 * Triple DES with its key used three times is single DES, bit for bit, and is in the default provider.
 */
function singleDesAsTripleDes(): void {
  const patched = Symbol.for('headshot.singleDesAsTripleDes');
  const cryptoModule = crypto as typeof crypto & { [patched]?: true };
  if (cryptoModule[patched]) return;
  cryptoModule[patched] = true;
  const { createCipheriv, createDecipheriv } = crypto;
  const triple = (algorithm: string, key: crypto.CipherKey) =>
    algorithm.toLowerCase() === 'des' && Buffer.isBuffer(key) && key.length === 8 ? (['des-ede3-cbc', Buffer.concat([key, key, key])] as const) : null;
  cryptoModule.createCipheriv = ((algorithm: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null, options?: object) => {
    const replaced = triple(algorithm, key);
    return replaced ? createCipheriv(replaced[0], replaced[1], iv) : createCipheriv(algorithm, key, iv, options as never);
  }) as typeof crypto.createCipheriv;
  cryptoModule.createDecipheriv = ((algorithm: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null, options?: object) => {
    const replaced = triple(algorithm, key);
    return replaced ? createDecipheriv(replaced[0], replaced[1], iv) : createDecipheriv(algorithm, key, iv, options as never);
  }) as typeof crypto.createDecipheriv;
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
  singleDesAsTripleDes();
  atomicMetadata(server.store);
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, port, events: server, stop: () => server.close() };
}
