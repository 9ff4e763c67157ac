import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

const require = createRequire(import.meta.url);
// The maintained fork of s3rver: it verifies SigV4 signatures, so presigned URLs behave as on AWS.
const S3rver = require('@20minutes/s3rver') as new (options: object) => S3rverInstance;
// Its error type, which it renders as S3's XML error body with the code's HTTP status.
const S3Error = require('@20minutes/s3rver/lib/models/error') as new (code: string, message: string, detail?: Record<string, string>) => Error;

interface StoredObject {
  bucket: string;
  key: string;
  content: Readable;
}

interface MetadataStore {
  getMetadata(bucket: string, key: string): Promise<unknown>;
  putMetadata(bucket: string, key: string, ...rest: unknown[]): Promise<unknown>;
  existsObject(bucket: string, key: string): Promise<boolean>;
  putObject(object: StoredObject): Promise<unknown>;
}

type Middleware = (context: { headers: IncomingHttpHeaders }, next: () => Promise<unknown>) => Promise<unknown>;

interface S3rverInstance extends EventEmitter {
  store: MetadataStore;
  middleware: Middleware[];
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}

/** Tasks run one at a time per id, each once every earlier one of its id has settled; `idle` waits for those under way. */
function perKeyQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(id: string, task: () => Promise<T>): Promise<T> {
      const run = (tails.get(id) ?? Promise.resolve()).then(task);
      const settled = run.catch(() => undefined).finally(() => {
        if (tails.get(id) === settled) tails.delete(id);
      });
      tails.set(id, settled);
      return run;
    },
    idle: async (id: string): Promise<void> => void (await tails.get(id)),
  };
}

/**
 * S3's conditional writes, which the emulator ignores: a PUT with `If-None-Match: *` stores nothing
 * when the key holds an object, and answers 412 with S3's PreconditionFailed error, naming the
 * condition; of two such PUTs racing for an empty key, one wins. Upload URLs are signed with it
 * (lib/storage/presign.ts), so without this a reused URL would replace a checked original here and
 * nowhere else. The check sits where the emulator stores the object, after it has verified the
 * request's signature, as S3 authorises a request before it evaluates its conditions; the check and
 * the write are one step per key.
 */
function conditionalWrites(server: S3rverInstance): void {
  const requestHeaders = new AsyncLocalStorage<IncomingHttpHeaders>();
  server.middleware.unshift((context, next) => requestHeaders.run(context.headers, next));
  const put = server.store.putObject.bind(server.store);
  const writing = perKeyQueue();
  server.store.putObject = (object) =>
    writing.run(`${object.bucket}/${object.key}`, async () => {
      if (requestHeaders.getStore()?.['if-none-match'] === '*' && (await server.store.existsObject(object.bucket, object.key))) {
        // S3 answers once it has the request's body; stopping mid-body would break the client's connection instead.
        object.content.resume();
        await new Promise((resolve) => object.content.once('end', resolve).once('error', resolve));
        throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
          Condition: 'If-None-Match',
          RequestId: crypto.randomBytes(8).toString('hex').toUpperCase(),
          HostId: crypto.randomBytes(32).toString('base64'),
        });
      }
      return put(object);
    });
}

/**
 * S3 gives each write of a key a `sequencer` greater than the last, which is how a consumer orders
 * events that arrive out of order (lib/jobs/run-job.ts). The emulator's is the time in milliseconds,
 * the same for two writes in one millisecond; here it is the time followed by a counter, strictly
 * increasing for the process, and past any earlier run's as long as the clock moves on.
 */
function increasingSequencers(server: S3rverInstance): void {
  let last = 0n;
  const emit = server.emit.bind(server);
  server.emit = (name: string | symbol, ...args: unknown[]) => {
    if (name === 'event') {
      for (const record of (args[0] as { Records?: { s3: { object: { sequencer?: string } } }[] }).Records ?? []) {
        last = [last + 1n, BigInt(Date.now()) << 20n].reduce((a, b) => (a > b ? a : b));
        record.s3.object.sequencer = last.toString(16).toUpperCase().padStart(16, '0');
      }
    }
    return emit(name, ...args);
  };
}

/**
 * S3 replaces an object's metadata atomically; the emulator rewrites its metadata file in place (a
 * copy onto itself, which is how a redrive announces an object again), so a read at that moment
 * could find the file half-written and answer 500. Reads of a key wait for a rewrite of that key.
 */
function atomicMetadata(store: MetadataStore): void {
  const rewriting = perKeyQueue();
  const put = store.putMetadata.bind(store);
  const get = store.getMetadata.bind(store);
  store.putMetadata = (bucket, key, ...rest) => rewriting.run(`${bucket}/${key}`, () => put(bucket, key, ...rest));
  store.getMetadata = async (bucket, key) => {
    await rewriting.idle(`${bucket}/${key}`);
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
  conditionalWrites(server);
  increasingSequencers(server);
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, port, events: server, stop: () => server.close() };
}
