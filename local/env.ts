import { portFromEnv } from './ports';
import { EMULATOR_CREDENTIALS } from './s3';

/** The live-updates authorizer's name, which browsers put in the broker's URL as they do on AWS IoT. */
export const LIVE_AUTHORIZER_NAME = 'headshot-live-authorizer';

/** The distribution CloudFront's stand-in answers for, shaped as CloudFront's ids are. */
export const LOCAL_DISTRIBUTION_ID = 'ELOCALHEADSHOT';

/** Resource names under the local cloud; on AWS, SST names them. */
export const LOCAL_RESOURCES = {
  Uploads: { name: 'headshot-uploads', type: 'sst.aws.Bucket' },
  Media: { name: 'headshot-media', type: 'sst.aws.Bucket' },
  Table: { name: 'headshot', type: 'sst.aws.Dynamo' },
  DescribeFaces: { name: 'describe-faces', type: 'sst.aws.Function' },
} as const;

/**
 * The environment under which the app, the handlers and the scripts reach the emulators with the
 * same SDK calls and `Resource` reads they make on AWS.
 */
export function localCloudEnv(endpoints: {
  s3: string;
  dynamo: string;
  lambda?: string;
  realtime?: { endpoint: string; dataPlaneUrl: string };
  cloudFront?: { endpoint: string; distributionId: string };
}): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamo,
    // The site invokes describe-faces here; the functions themselves are reached by the bridge.
    ...(endpoints.lambda ? { AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda } : {}),
    ...Object.fromEntries(Object.entries(LOCAL_RESOURCES).map(([name, value]) => [`SST_RESOURCE_${name}`, JSON.stringify(value)])),
    // The live-updates broker: browsers connect to its endpoint, functions publish through IoT Data Plane's SDK call.
    ...(endpoints.realtime
      ? {
          SST_RESOURCE_Realtime: JSON.stringify({ endpoint: endpoints.realtime.endpoint, authorizer: LIVE_AUTHORIZER_NAME, type: 'sst.aws.Realtime' }),
          AWS_ENDPOINT_URL_IOT_DATA_PLANE: endpoints.realtime.dataPlaneUrl,
        }
      : {}),
    // The site's CDN has no local distribution: invalidate-cdn calls CloudFront's stand-in, about the stand-in's own.
    ...(endpoints.cloudFront ? { AWS_ENDPOINT_URL_CLOUDFRONT: endpoints.cloudFront.endpoint, CDN_DISTRIBUTION_ID: endpoints.cloudFront.distributionId } : {}),
    SST_RESOURCE_App: JSON.stringify({ name: 'headshot', stage: 'local' }),
    HEADSHOT_LOCAL_CLOUD: '1',
    // A webhook receiver on this machine (a test's, a developer's) is reachable under the local cloud only.
    WEBHOOK_LOOPBACK_RECEIVERS: 'allowed',
    FACE_ANALYZER: process.env.FACE_ANALYZER ?? 'local',
    // The bridge retries a failed message within about a minute, where SQS waits six: the sweep waits as much less.
    JOB_RETRY_WINDOW_SECONDS: process.env.JOB_RETRY_WINDOW_SECONDS ?? '90',
  };
}

/**
 * For scripts: unless SST has provided resources (`npx sst shell`), talk to the running
 * `npm run dev` on its ports.
 */
export function connectLocalCloudUnlessDeployed(): void {
  if (process.env.SST_RESOURCE_Table) return;
  const env = localCloudEnv({
    s3: `http://127.0.0.1:${portFromEnv('S3_PORT', 4568)}`,
    dynamo: `http://127.0.0.1:${portFromEnv('DYNAMODB_PORT', 4567)}`,
    lambda: `http://127.0.0.1:${portFromEnv('LAMBDA_PORT', 4569)}`,
  });
  Object.assign(process.env, env);
}
