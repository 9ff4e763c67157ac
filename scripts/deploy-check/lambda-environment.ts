import { FUNCTION_RUNTIME, type FunctionSpec, type SecretVariable } from '../../infra/function-specs';
import { linksFrom, writeResourceFile } from './sst-resource-file';

/** The account the check's function ARNs name; IoT hands the authorizer its own ARN, whose account the policy names. */
export const CHECK_ACCOUNT = '123456789012';

export function functionArn(region: string, name: string): string {
  return `arn:aws:lambda:${region}:${CHECK_ACCOUNT}:function:${name}`;
}

export interface CheckCloud {
  /** The local cloud's environment: its SST_RESOURCE_* links, region, credentials and endpoints. */
  env: Record<string, string>;
  /** Rekognition's stand-in. */
  rekognitionEndpoint: string;
  /**
   * What the check gives a function for each secret variable its spec names (on AWS, from SST
   * secrets): the variables that stand for it under the sign-in mode of the site being checked.
   */
  secrets: Record<SecretVariable, Record<string, string>>;
  /** Variables the check sets on every function to run its jobs on a faster clock (the same rules). */
  timing: Record<string, string>;
}

/** The AWS_ENDPOINT_URL_* variables that redirect the SDK's calls to the emulators. */
const ENDPOINT_REDIRECTS = ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_IOT_DATA_PLANE', 'AWS_ENDPOINT_URL_CLOUDFRONT'];

/**
 * Everything a function gets, and nothing else, as on Lambda: writes its own resource.enc into its
 * folder with only the links its spec names, and returns its environment, which is
 *   - what Lambda's runtime itself sets (region, credentials, the function's name, memory, task root,
 *     time zone, locale, PATH);
 *   - what SST sets: its spec's `environment`, SST_RESOURCE_App, SST_KEY and SST_KEY_FILE, and the
 *     distribution's id where infra/ gives it (CDN_DISTRIBUTION_ID);
 *   - its spec's secret variables, as the site being checked signs in;
 *   - and, for the check alone, the AWS_ENDPOINT_URL_* redirections to the emulators, the faster
 *     job clock and webhooks allowed to its loopback receiver.
 * Not the parent's environment: no HEADSHOT_LOCAL_CLOUD, no AUTH_SECRET, no other function's link.
 * Lambda's NODE_PATH (/opt/nodejs/…, /var/runtime/…) is left out: those folders hold nothing of the app's there either.
 */
export async function lambdaEnvironment(spec: FunctionSpec, dir: string, cloud: CheckCloud): Promise<Record<string, string>> {
  const region = cloud.env.AWS_REGION ?? 'us-east-1';
  const keys = await writeResourceFile(dir, linksFrom(cloud.env, spec.links));
  const redirects = Object.fromEntries(ENDPOINT_REDIRECTS.filter((name) => cloud.env[name]).map((name) => [name, cloud.env[name]!]));
  return {
    // Lambda's runtime.
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: cloud.env.AWS_ACCESS_KEY_ID ?? '',
    AWS_SECRET_ACCESS_KEY: cloud.env.AWS_SECRET_ACCESS_KEY ?? '',
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_EXECUTION_ENV: `AWS_Lambda_${FUNCTION_RUNTIME}`,
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.name}`,
    LAMBDA_TASK_ROOT: dir,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    PATH: '/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    // SST, and what infra/ adds: the distribution, for a function told it (the local cloud's CloudFront stand-in's).
    ...spec.environment,
    ...(spec.distribution && cloud.env.CDN_DISTRIBUTION_ID ? { CDN_DISTRIBUTION_ID: cloud.env.CDN_DISTRIBUTION_ID } : {}),
    SST_RESOURCE_App: cloud.env.SST_RESOURCE_App ?? '',
    ...keys,
    ...Object.assign({}, ...spec.secrets.map((name) => cloud.secrets[name])),
    // The check's own: the emulators and Rekognition's stand-in, and the faster clock.
    ...redirects,
    AWS_ENDPOINT_URL_REKOGNITION: cloud.rekognitionEndpoint,
    ...cloud.timing,
    // The check's webhook receiver listens on loopback, which a deployed function never reaches.
    WEBHOOK_LOOPBACK_RECEIVERS: 'allowed',
  };
}
