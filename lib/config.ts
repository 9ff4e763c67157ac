import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_LIVE_TOKEN_TTL_SECONDS } from './realtime/limits';

/*
 * The process's settings, read from the environment once, checked, and given names that say what
 * they are. Anything that reads a setting reads it from here. Settings come in sections, each parsed
 * on first use: a Lambda function never parses the site's sign-in settings, and a bad value in one
 * section does not stop code that never needs it.
 */

type Env = Record<string, string | undefined>;

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const optionalText = z.preprocess(unsetIfEmpty, z.string().optional());
const seconds = (fallback: number) => z.preprocess(unsetIfEmpty, z.coerce.number().positive().default(fallback)).transform((value) => value * 1000);

/** A section of the settings: parsed from process.env once, or from any given environment each time (for tests). */
function section<T>(parse: (env: Env) => T): (env?: Env) => T {
  let parsed: { value: T } | undefined;
  return (env) => {
    if (env) return parse(env);
    parsed ??= { value: parse(process.env) };
    return parsed.value;
  };
}

function parseWith<S extends z.ZodType>(schema: S, env: Env, what: string): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) throw new Error(`Invalid ${what} settings: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return result.data;
}

// ---- Jobs ----------------------------------------------------------------------------------------

const JobsEnv = z.object({
  /**
   * How long a job run owns its job without renewing the claim. Short, because a run renews it as it
   * works: a run that died is taken over this soon after. Tests shorten it to see that happen quickly.
   */
  JOB_LEASE_SECONDS: seconds(30),
  /** How long after its trigger object exists a job may wait for the object's event before the sweep announces it again. */
  JOB_EVENT_GRACE_SECONDS: seconds(60),
  /**
   * How long the queue may take to deliver a failed message again: SQS waits its visibility timeout
   * (6 × the function timeout, 6 minutes). The sweep leaves a failed job alone this long.
   */
  JOB_RETRY_WINDOW_SECONDS: seconds(600),
});

export const jobSettings = section((env) => {
  const parsed = parseWith(JobsEnv, env, 'job');
  return { leaseMs: parsed.JOB_LEASE_SECONDS, eventGraceMs: parsed.JOB_EVENT_GRACE_SECONDS, retryWindowMs: parsed.JOB_RETRY_WINDOW_SECONDS };
});

// ---- Sign-in -------------------------------------------------------------------------------------

export class AuthConfigurationError extends Error {
  override name = 'AuthConfigurationError';
}

const AuthEnv = z.object({
  CLERK_SECRET_KEY: optionalText,
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: optionalText,
  /** Clerk's JWT public key (PEM), so sessions verify with no network call to Clerk. */
  CLERK_JWT_KEY: optionalText,
  /** Signs the webhooks Clerk sends (Clerk's dashboard → Webhooks → Signing secret); without it the webhook route does not exist. */
  CLERK_WEBHOOK_SIGNING_SECRET: z.preprocess(unsetIfEmpty, z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/).optional()),
  /** Set by the local cloud. */
  HEADSHOT_LOCAL_CLOUD: z.preprocess(unsetIfEmpty, z.literal('1').optional()),
  /** An explicit opt-in to local accounts outside the local cloud (self-hosting without Clerk). */
  LOCAL_AUTH: z.preprocess(unsetIfEmpty, z.enum(['enabled']).optional()),
  AUTH_SECRET: optionalText,
});

/**
 * Whether the site is built with Clerk's components (next.config.ts): when Clerk's publishable key is
 * set at build time, as SST does from its secrets. Without it, the build serves local accounts only.
 */
export function buildsWithClerk(env: Env = process.env): boolean {
  return parseWith(AuthEnv.pick({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: true }), env, 'build').NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY !== undefined;
}

// ---- Passwords ----------------------------------------------------------------------------------

/** scrypt's cost for local accounts, as a power of two: OWASP's recommended minimum, 2^17 (128 MiB and about 0.2 s per hash). */
export const PASSWORD_HASH_LOG2_COST = 17;

const PasswordsEnv = z.object({
  /**
   * A lower scrypt cost (a power of two, 10 to 17), for the local cloud only: the integration tests sign
   * up and sign in dozens of accounts, each a fraction of a second of CPU at the real cost, and what
   * they test is the same at any cost. Anywhere else a lower cost is refused, so no deployment can
   * weaken its stored passwords by a setting.
   */
  PASSWORD_HASH_LOG2_COST: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(10).max(PASSWORD_HASH_LOG2_COST).optional()),
  HEADSHOT_LOCAL_CLOUD: z.preprocess(unsetIfEmpty, z.literal('1').optional()),
});

export const passwordSettings = section((env) => {
  const parsed = parseWith(PasswordsEnv, env, 'password');
  if (parsed.PASSWORD_HASH_LOG2_COST !== undefined && parsed.PASSWORD_HASH_LOG2_COST < PASSWORD_HASH_LOG2_COST && !parsed.HEADSHOT_LOCAL_CLOUD) {
    throw new Error(`Invalid password settings: PASSWORD_HASH_LOG2_COST below ${PASSWORD_HASH_LOG2_COST} is for the local cloud only.`);
  }
  return { scryptCost: 2 ** (parsed.PASSWORD_HASH_LOG2_COST ?? PASSWORD_HASH_LOG2_COST) };
});

// ---- Clerk's backend API ------------------------------------------------------------------------

const ClerkApiEnv = z.object({
  /** Where accounts are deleted (the delete-account job), the Clerk user an account signs in as goes with it. */
  CLERK_SECRET_KEY: optionalText,
  /** Clerk's API origin, which Clerk's own SDKs read too; unset, Clerk's. Tests point it at a stand-in. */
  CLERK_API_URL: z.preprocess(unsetIfEmpty, z.string().url().optional()),
});

export const clerkApiSettings = section((env) => {
  const parsed = parseWith(ClerkApiEnv, env, 'Clerk API');
  return { secretKey: parsed.CLERK_SECRET_KEY, apiUrl: parsed.CLERK_API_URL };
});

// ---- Builds --------------------------------------------------------------------------------------

/**
 * A build for the benchmarks (bench/ensure-build.ts): its own folder, `.next-bench`, and the pages
 * named `page.bench.tsx` (the share bench's baseline page), which no other build has as a route.
 */
export function benchBuild(env: Env = process.env): { distDir: string; pageExtensions: string[]; typescript: { tsconfigPath: string } } | null {
  const parsed = parseWith(z.object({ HEADSHOT_BENCH_BUILD: z.preprocess(unsetIfEmpty, z.literal('1').optional()) }), env, 'build');
  // Its own tsconfig, which names its route types: Next would otherwise add them to tsconfig.json, rewriting a tracked file on every bench.
  return parsed.HEADSHOT_BENCH_BUILD ? { distDir: '.next-bench', pageExtensions: ['bench.tsx', 'tsx', 'ts'], typescript: { tsconfigPath: 'tsconfig.bench.json' } } : null;
}

/**
 * Whether `next build` leaves type-checking out: `npm run build:site` sets it, because `npm test` runs
 * `tsc` itself right after, over the same sources and the build's route types.
 */
export function buildSkipsTypeCheck(env: Env = process.env): boolean {
  return parseWith(z.object({ HEADSHOT_BUILD_SKIPS_TYPECHECK: z.preprocess(unsetIfEmpty, z.literal('1').optional()) }), env, 'build').HEADSHOT_BUILD_SKIPS_TYPECHECK === '1';
}

export type AuthSettings =
  | { mode: 'clerk'; clerk: { secretKey: string; publishableKey: string; jwtKey: string | undefined; webhookSigningSecret: string | undefined }; keyMaterial: string }
  | { mode: 'local'; local: { secret: string; secureCookies: boolean }; keyMaterial: string };

/**
 * Clerk when its keys are set; local accounts only under the local cloud or when explicitly enabled.
 * Anything else is a deployment that would let nobody in, or everybody, so it refuses.
 */
export const authSettings = section((env): AuthSettings => {
  const parsed = AuthEnv.safeParse(env);
  if (!parsed.success) throw new AuthConfigurationError(`Invalid auth settings: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const config = parsed.data;
  if (config.CLERK_SECRET_KEY && config.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) {
    return {
      mode: 'clerk',
      clerk: {
        secretKey: config.CLERK_SECRET_KEY,
        publishableKey: config.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
        jwtKey: config.CLERK_JWT_KEY,
        webhookSigningSecret: config.CLERK_WEBHOOK_SIGNING_SECRET,
      },
      keyMaterial: config.CLERK_SECRET_KEY,
    };
  }
  if (config.CLERK_SECRET_KEY || config.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) {
    throw new AuthConfigurationError('Set both CLERK_SECRET_KEY and NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, or neither.');
  }
  if (config.HEADSHOT_LOCAL_CLOUD || config.LOCAL_AUTH === 'enabled') {
    if (!config.AUTH_SECRET || config.AUTH_SECRET.length < 32) {
      throw new AuthConfigurationError('Local accounts need AUTH_SECRET: at least 32 random characters that sign session cookies.');
    }
    // Only the local cloud serves plain http; anywhere else the cookie must never travel unencrypted.
    return { mode: 'local', local: { secret: config.AUTH_SECRET, secureCookies: !config.HEADSHOT_LOCAL_CLOUD }, keyMaterial: config.AUTH_SECRET };
  }
  throw new AuthConfigurationError(
    'No sign-in is configured. Set CLERK_SECRET_KEY and NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY (npx sst secret set …), ' +
      'or set LOCAL_AUTH=enabled and AUTH_SECRET to use local accounts.',
  );
});

/**
 * A key for one purpose, derived from the sign-in secret the site already has (Clerk's secret key,
 * or AUTH_SECRET), so no further secret has to be set, and keys for different purposes never match.
 */
export function derivedKey(purpose: string): Buffer {
  return deriveKey(authSettings().keyMaterial, purpose);
}

/** derivedKey from given key material: for a deployment that derives a key at deploy time and hands a function that key alone. */
export function deriveKey(keyMaterial: string, purpose: string): Buffer {
  return createHmac('sha256', keyMaterial).update(`headshot:${purpose}`).digest();
}

// ---- Live updates --------------------------------------------------------------------------------

const LiveEnv = z.object({
  /**
   * The key live-updates tokens are signed with, base64url, as infra/ derives it from the sign-in
   * secret for the live authorizer, which gets this and no sign-in secret. Unset, the key is derived
   * here from the sign-in secret, as the site does.
   */
  LIVE_TOKEN_KEY: z.preprocess(unsetIfEmpty, z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte key, base64url').optional()),
  /** How long a live-updates token, and so the connection it opens, lasts. Tests shorten it to see a connection end. */
  LIVE_TOKEN_TTL_SECONDS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(86_400).default(DEFAULT_LIVE_TOKEN_TTL_SECONDS)),
});

export const liveSettings = section((env) => {
  const parsed = parseWith(LiveEnv, env, 'live-updates');
  return { tokenKey: parsed.LIVE_TOKEN_KEY ? Buffer.from(parsed.LIVE_TOKEN_KEY, 'base64url') : undefined, tokenTtlSeconds: parsed.LIVE_TOKEN_TTL_SECONDS };
});

// ---- Outgoing webhooks ---------------------------------------------------------------------------

const WebhooksEnv = z.object({
  /**
   * The key webhook signing secrets are encrypted with, base64url, as infra/ derives it from the
   * sign-in secret for the deliver-webhook function, which gets this and no sign-in secret. Unset, the
   * key is derived here from the sign-in secret, as the site does.
   */
  WEBHOOK_SECRET_KEY: z.preprocess(unsetIfEmpty, z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte key, base64url').optional()),
  /**
   * Lets webhooks go to plain http and to this machine's own addresses, for a receiver on localhost.
   * The local cloud sets it (local/env.ts); nothing else does, so a deployment never allows it.
   */
  WEBHOOK_LOOPBACK_RECEIVERS: z.preprocess(unsetIfEmpty, z.literal('allowed').optional()),
});

export const webhookSettings = section((env) => {
  const parsed = parseWith(WebhooksEnv, env, 'webhook');
  return {
    secretKey: parsed.WEBHOOK_SECRET_KEY ? Buffer.from(parsed.WEBHOOK_SECRET_KEY, 'base64url') : undefined,
    allowLoopbackReceivers: parsed.WEBHOOK_LOOPBACK_RECEIVERS === 'allowed',
  };
});

// ---- Requests ------------------------------------------------------------------------------------

const RequestsEnv = z.object({
  /**
   * How many proxies in front of the server append the client's address to X-Forwarded-For, and so
   * how many entries from its right end are trusted: 1 behind CloudFront (which infra/web.ts sets),
   * 0 with no proxy at all, where the address is the socket's and a client-sent header is ignored.
   */
  TRUSTED_PROXY_HOPS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(5).default(0)),
  /**
   * The value CloudFront adds to every request it sends the site (infra/web.ts derives it and sets
   * both). When set, a request without it did not come through the distribution and is refused, and
   * the client address is CloudFront-Viewer-Address; X-Forwarded-For and TRUSTED_PROXY_HOPS are not read.
   */
  CLOUDFRONT_ORIGIN_SECRET: z.preprocess(unsetIfEmpty, z.string().min(32, 'at least 32 characters').optional()),
  /** The site's own origin (https://…), when it has a fixed one: Clerk accepts session tokens made for it only. */
  SITE_URL: z.preprocess(unsetIfEmpty, z.url().optional()),
  /** Overrides the per-address limit on opening share links, for sites whose visitors share few addresses. */
  LINK_RESOLVE_LIMIT_PER_MINUTE: z.preprocess(unsetIfEmpty, z.coerce.number().int().positive().optional()),
  /** Set by the local cloud: plain http on localhost. */
  HEADSHOT_LOCAL_CLOUD: z.preprocess(unsetIfEmpty, z.literal('1').optional()),
  /** Set by Next.js: `next dev` needs a looser content security policy (eval, a hot-reload WebSocket). */
  NODE_ENV: optionalText,
});

export const requestSettings = section((env) => {
  const parsed = parseWith(RequestsEnv, env, 'request');
  return {
    trustedProxyHops: parsed.TRUSTED_PROXY_HOPS,
    cloudFrontOriginSecret: parsed.CLOUDFRONT_ORIGIN_SECRET,
    siteUrl: parsed.SITE_URL?.replace(/\/$/, ''),
    linkResolveLimitPerMinute: parsed.LINK_RESOLVE_LIMIT_PER_MINUTE,
    localCloud: parsed.HEADSHOT_LOCAL_CLOUD === '1',
    development: parsed.NODE_ENV === 'development',
  };
});

// ---- Media access --------------------------------------------------------------------------------

const MediaEnv = z.object({
  /**
   * The id of the CloudFront public key that media cookies are signed for (lib/media-access): infra/
   * sets the one of the distribution's key group, the local cloud its own key pair's. Its private key
   * is the MediaSigningKey secret. Unset, the site gives no media access, so no photo shows.
   */
  MEDIA_KEY_PAIR_ID: z.preprocess(unsetIfEmpty, z.string().regex(/^[A-Z0-9]{1,64}$/, 'a CloudFront public key id').optional()),
});

export const mediaSettings = section((env) => ({ keyPairId: parseWith(MediaEnv, env, 'media').MEDIA_KEY_PAIR_ID }));

// ---- AWS and faces -------------------------------------------------------------------------------

const AwsEnv = z.object({
  /** Set under the local cloud: the SDK sends S3 calls there (it reads the variable itself), and path-style addressing is needed. */
  AWS_ENDPOINT_URL_S3: optionalText,
  /** Set under the local cloud: IoT's Data Plane (Publish) is the local broker's, not the account's IoT endpoint. */
  AWS_ENDPOINT_URL_IOT_DATA_PLANE: optionalText,
  /** Which face adapter runs: the built-in model needs no AWS account, so it is the default. */
  FACE_ANALYZER: z.preprocess(unsetIfEmpty, z.enum(['rekognition', 'local']).default('local')),
  /** Rekognition collections are named this plus the owner's id, one per user; infra/ sets it per app and stage. */
  FACE_COLLECTION_PREFIX: z.preprocess(unsetIfEmpty, z.string().regex(/^[a-zA-Z0-9_.-]{1,100}$/).default('headshot.local.')),
});

export const awsSettings = section((env) => {
  const parsed = parseWith(AwsEnv, env, 'AWS');
  return {
    s3OnEmulator: Boolean(parsed.AWS_ENDPOINT_URL_S3),
    iotDataOnEmulator: Boolean(parsed.AWS_ENDPOINT_URL_IOT_DATA_PLANE),
    faceAnalyzer: parsed.FACE_ANALYZER, faceCollectionPrefix: parsed.FACE_COLLECTION_PREFIX };
});

// ---- The site's CDN ------------------------------------------------------------------------------

const CdnEnv = z.object({
  /**
   * The site's CloudFront distribution, whose cached copies invalidate-cdn removes: infra/ sets it
   * from the distribution SST makes, the local cloud to its CloudFront stand-in's. Unset (`sst dev`,
   * which has no distribution), nothing is cached at any edge, and there is nothing to invalidate.
   */
  CDN_DISTRIBUTION_ID: z.preprocess(unsetIfEmpty, z.string().regex(/^[A-Z0-9]{1,64}$/, 'a CloudFront distribution id').optional()),
});

export const cdnSettings = section((env) => ({ distributionId: parseWith(CdnEnv, env, 'CDN').CDN_DISTRIBUTION_ID }));

// ---- Observability -------------------------------------------------------------------------------

const ObservabilityEnv = z.object({
  POWERTOOLS_SERVICE_NAME: optionalText,
  AWS_LAMBDA_FUNCTION_NAME: optionalText,
  POWERTOOLS_METRICS_NAMESPACE: z.preprocess(unsetIfEmpty, z.string().default('Headshot')),
});

/**
 * The service name logs and metrics carry: the one infra/ gives each function in POWERTOOLS_SERVICE_NAME,
 * else Lambda's own function name, else the app's. Passing a fixed name to Powertools would override
 * the variable, so every function would report as one service.
 */
export const observabilitySettings = section((env) => {
  const parsed = parseWith(ObservabilityEnv, env, 'observability');
  return { serviceName: parsed.POWERTOOLS_SERVICE_NAME || parsed.AWS_LAMBDA_FUNCTION_NAME || 'headshot', metricsNamespace: parsed.POWERTOOLS_METRICS_NAMESPACE };
});

const TracingEnv = z.object({
  POWERTOOLS_TRACE_ENABLED: z.preprocess(unsetIfEmpty, z.enum(['true', 'false']).optional()),
  /** Set by Lambda's runtime (and by deploy:check, which runs the bundles as Lambda would); never by the local cloud. */
  AWS_EXECUTION_ENV: optionalText,
  AWS_SAM_LOCAL: optionalText,
});

/**
 * Whether X-Ray tracing is on: the rule Powertools' Tracer applies itself (on in a Lambda execution
 * environment unless POWERTOOLS_TRACE_ENABLED=false), worked out without loading it, so that where it
 * is off (the local cloud, tests, next dev) the tracer and the X-Ray SDK are never even imported.
 */
export const tracingSettings = section((env) => {
  const parsed = parseWith(TracingEnv, env, 'tracing');
  return { enabled: parsed.POWERTOOLS_TRACE_ENABLED !== 'false' && Boolean(parsed.AWS_EXECUTION_ENV) && !parsed.AWS_SAM_LOCAL };
});
