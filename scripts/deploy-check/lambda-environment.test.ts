import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { jobFunctionSpec, serviceFunctionSpecs } from '../../infra/function-specs';
import { wiringOf } from '../../lib/jobs/wiring';
import { localCloudEnv } from '../../local/env';
import { lambdaEnvironment } from './lambda-environment';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

test('a function gets its spec’s environment and secrets, Lambda’s own variables and the emulators’ endpoints, and nothing of the local cloud’s', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'headshot-lambda-env-'));
  dirs.push(dir);
  const cloudEnv: Record<string, string> = { ...localCloudEnv({ s3: 'http://127.0.0.1:1', dynamo: 'http://127.0.0.1:2' }), AUTH_SECRET: 'a'.repeat(43) };
  const spec = serviceFunctionSpecs().liveAuthorizer;
  const env = await lambdaEnvironment(spec, dir, {
    env: cloudEnv,
    rekognitionEndpoint: 'http://127.0.0.1:3',
    secrets: { LIVE_TOKEN_KEY: { LIVE_TOKEN_KEY: 'k'.repeat(43) }, CLERK_SECRET_KEY: { CLERK_SECRET_KEY: 'sk_live_unused' }, WEBHOOK_SECRET_KEY: { WEBHOOK_SECRET_KEY: 'w'.repeat(43) } },
    timing: { JOB_LEASE_SECONDS: '2' },
  });
  expect(env).toMatchObject({
    ...spec.environment,
    LIVE_TOKEN_KEY: 'k'.repeat(43),
    AWS_LAMBDA_FUNCTION_NAME: 'live-authorizer',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: dir,
    AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:2',
    SST_KEY_FILE: 'resource.enc',
    SST_RESOURCE_App: cloudEnv.SST_RESOURCE_App,
  });
  // Its links travel encrypted in its own resource.enc, not as variables; the parent's settings not at all.
  expect(Object.keys(env).filter((name) => name.startsWith('SST_RESOURCE_'))).toEqual(['SST_RESOURCE_App']);
  for (const name of ['HEADSHOT_LOCAL_CLOUD', 'AUTH_SECRET', 'CLERK_SECRET_KEY', 'FACE_ANALYZER', 'NODE_PATH', 'HOME']) expect(env, name).not.toHaveProperty(name);
  const sealed = await readFile(path.join(dir, 'resource.enc'));
  expect(sealed.includes(Buffer.from('headshot'))).toBe(false);
});

test('a function told the site’s distribution gets the local cloud’s, and reaches CloudFront’s stand-in; no other function does', async () => {
  const cloudEnv = localCloudEnv({
    s3: 'http://127.0.0.1:1',
    dynamo: 'http://127.0.0.1:2',
    realtime: { endpoint: '127.0.0.1:5', dataPlaneUrl: 'http://127.0.0.1:5' },
    cloudFront: { endpoint: 'http://127.0.0.1:4', distributionId: 'ELOCALHEADSHOT' },
  });
  const cloud = { env: cloudEnv, rekognitionEndpoint: 'http://127.0.0.1:3', secrets: { LIVE_TOKEN_KEY: {}, CLERK_SECRET_KEY: {}, WEBHOOK_SECRET_KEY: {} }, timing: {} };
  const environmentOf = async (spec: Parameters<typeof lambdaEnvironment>[0]) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'headshot-lambda-env-'));
    dirs.push(dir);
    return lambdaEnvironment(spec, dir, cloud);
  };
  const invalidates = await environmentOf(jobFunctionSpec(wiringOf('invalidate-cdn'), { settings: { faceAnalyzer: 'local' } }));
  expect(invalidates).toMatchObject({ CDN_DISTRIBUTION_ID: 'ELOCALHEADSHOT', AWS_ENDPOINT_URL_CLOUDFRONT: 'http://127.0.0.1:4' });
  const other = await environmentOf(jobFunctionSpec(wiringOf('deliver-webhook'), { settings: { faceAnalyzer: 'local' } }));
  expect(other).not.toHaveProperty('CDN_DISTRIBUTION_ID');
});
