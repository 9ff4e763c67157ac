import { faceEnvironment } from '../../infra/function-specs';
import { SITE_SERVER_RUNTIME } from '../../infra/site-build';

/*
 * What both site passes give the server function, as infra/web.ts and SST's Nextjs component do,
 * whatever the sign-in: the face settings, OpenNext's cache, and the emulators' endpoints in place of AWS's.
 */

/** OpenNext's cache resources, which SST's Nextjs component creates beside the server function. */
export const SITE_CACHE = { bucket: 'headshot-site-cache', table: 'headshot-site-revalidation' };

/** What only the local cloud sets: a deployment has neither, so a site checked as deployed gets neither. */
const LOCAL_CLOUD_ONLY = new Set(['HEADSHOT_LOCAL_CLOUD', 'WEBHOOK_LOOPBACK_RECEIVERS']);

/** The cloud's variables split in two: how the emulators are reached, and the links SST would give (SST_RESOURCE_<Name>). */
export function splitCloudEnvironment(cloudEnv: Record<string, string | undefined>): { endpoints: Record<string, string>; links: Record<string, Record<string, unknown>> } {
  const endpoints: Record<string, string> = {};
  const links: Record<string, Record<string, unknown>> = {};
  for (const [name, value] of Object.entries(cloudEnv)) {
    if (value === undefined || LOCAL_CLOUD_ONLY.has(name)) continue;
    if (name.startsWith('SST_RESOURCE_') && name !== 'SST_RESOURCE_App') links[name.slice('SST_RESOURCE_'.length)] = JSON.parse(value) as Record<string, unknown>;
    else if (!name.startsWith('SST_RESOURCE_')) endpoints[name] = value;
  }
  return { endpoints, links };
}

/** The environment common to both passes; a deployment is not the local cloud, so what only the local cloud sets stays unset. */
export function deployedSiteEnvironment(cloudEnv: Record<string, string | undefined>, rekognitionEndpoint: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    ...splitCloudEnvironment(cloudEnv).endpoints,
    SST_RESOURCE_App: cloudEnv.SST_RESOURCE_App ?? JSON.stringify({ name: 'headshot', stage: 'deploy-check' }),
    // As deployed by default: the site searches the collections the index-faces function fills.
    ...faceEnvironment({ settings: { faceAnalyzer: 'rekognition' } }),
    AWS_ENDPOINT_URL_REKOGNITION: rekognitionEndpoint,
    // What SST gives the server function for OpenNext's cache: a bucket and the revalidation table.
    CACHE_BUCKET_NAME: SITE_CACHE.bucket,
    CACHE_BUCKET_KEY_PREFIX: '_cache',
    CACHE_BUCKET_REGION: 'us-east-1',
    CACHE_DYNAMO_TABLE: SITE_CACHE.table,
    NODE_ENV: 'production',
    // What Lambda's runtime sets: with it the site loads its tracer at start, as on AWS (lib/observability/tracing.ts).
    AWS_EXECUTION_ENV: `AWS_Lambda_${SITE_SERVER_RUNTIME}`,
  };
}
