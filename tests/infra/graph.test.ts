import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { table as tableDefinition } from '../../lib/db/table';
import { LINKEDIN_READY_WORKLOAD } from '../../lib/cost/workload';
import { MAX_DELIVERY_ATTEMPTS } from '../../lib/jobs/retry-policy';
import { JOB_WIRING, type JobWiring } from '../../lib/jobs/wiring';
import { accountDeletionKey, exportArchiveKey, exportRequestKey, faceIndexInputKey, originalKey, watermarkRequestKey } from '../../lib/storage/keys';
import { expectedAccess } from './expected-access';
import { functionStatements, getResource, grantsByComponent, iamResourceMatches, input, lambdaOf, plain, resourcesOfType, state, TYPES } from './graph';
import { FAKE_ACCOUNT, FAKE_REGION } from './mocks';
import { collectionIdOf } from '../../lib/people/rekognition-recognizer';
import { faceCollectionPrefix, faceCollectionsArn } from '../../infra/function-specs';
import { liveTokenKeyOf } from '../../lib/realtime/live-token-key';
import { webhookSecretKeyOf } from '../../lib/webhooks/secret-key';
import { authSettings } from '../../lib/config';
import { graphForThisFile } from './harness';
import { mediaCdnChecks } from './media-cdn-checks';
import { repoRoot } from '../../scripts/sst-platform';
import { findViolations } from './rules';
import { readLockedVersions } from '../../infra/locked-versions';
import { OPEN_NEXT_VERSION, originSecretInjection, SITE_SERVER_ARCHITECTURE, SITE_SERVER_RUNTIME } from '../../infra/site-build';
import { originSecretOf } from '../../lib/security/origin-secret';

/*
 * Runs sst.config.ts over the real SST platform with Pulumi's mocks (see harness.ts) and
 * checks the resources it would deploy. Default settings: FACE_ANALYZER unset, no upload expiry.
 */

const graph = graphForThisFile({ stage: 'graph' });

const bucketName = (component: string) => state<string>(getResource(graph, TYPES.bucket, `${component}Bucket`), 'bucket');
const forBucket = (type: string, component: string) => resourcesOfType(graph, type).filter((resource) => input(resource, 'bucket') === bucketName(component));

test('the config runs to completion without errors', () => {
  expect(graph.errors).toEqual([]);
  expect(graph.outputs.site).toMatch(/^https:\/\//);
});

test('the graph breaks none of the rules', () => {
  expect(findViolations(graph, expectedAccess())).toEqual([]);
});

describe('buckets', () => {
  test('uploads accept browser PUTs from the site origin only', () => {
    const [cors, ...others] = forBucket(TYPES.bucketCors, 'Uploads');
    expect(others).toEqual([]);
    const rules = input<{ allowedMethods: string[]; allowedOrigins: string[] }[]>(cors!, 'corsRules');
    expect(rules).toHaveLength(1);
    expect(rules[0]!.allowedMethods).toEqual(['PUT']);
    expect(rules[0]!.allowedOrigins).toEqual([graph.outputs.site]);
  });

  test('media has no CORS rule: images are read through presigned URLs, not fetched cross-origin', () => {
    expect(forBucket(TYPES.bucketCors, 'Media')).toEqual([]);
  });

  test('uploads abort incomplete multipart uploads after a day and keep originals by default', () => {
    const [lifecycle] = forBucket(TYPES.lifecycle, 'Uploads');
    const rules = input<{ id: string; status: string; abortIncompleteMultipartUpload?: { daysAfterInitiation: number }; expiration?: unknown }[]>(lifecycle!, 'rules');
    expect(rules).toEqual([
      expect.objectContaining({ status: 'Enabled', filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }),
    ]);
    expect(rules.some((rule) => rule.expiration)).toBe(false);
  });

  test('every bucket denies plain HTTP', () => {
    for (const component of ['Uploads', 'Media']) {
      const [policy] = forBucket(TYPES.bucketPolicy, component);
      expect(input<string>(policy!, 'policy')).toContain('aws:SecureTransport');
    }
  });
});

describe('event pipeline', () => {
  const notification = (component: string) => forBucket(TYPES.notification, component)[0]!;
  const queueNamed = (name: string) => getResource(graph, TYPES.queue, `${name}Queue`);

  const notified = (component: string) => input<{ queueArn: string; events: string[]; filterPrefix: string }[]>(notification(component), 'queues');

  test.each(JOB_WIRING.map((row) => [row.name, row] as const))('%s: its trigger prefix is announced to its queue, copies (the sweep, redrive) included', (_name, row) => {
    expect(notified(row.trigger.bucket)).toContainEqual(
      expect.objectContaining({ queueArn: state(queueNamed(`${row.component}Queue`), 'arn'), events: ['s3:ObjectCreated:*'], filterPrefix: row.trigger.prefix }),
    );
  });

  test('each bucket announces exactly the triggers of the job kinds, and the keys the kinds write fall under them', () => {
    for (const bucket of ['Uploads', 'Media'] as const) {
      expect(notified(bucket).map((queue) => queue.filterPrefix).sort()).toEqual(JOB_WIRING.filter((row) => row.trigger.bucket === bucket).map((row) => row.trigger.prefix).sort());
    }
    const prefixes = notified('Media').map((queue) => queue.filterPrefix);
    expect(originalKey('user', 'image').startsWith(notified('Uploads')[0]!.filterPrefix)).toBe(true);
    for (const key of [faceIndexInputKey('user', 'image'), accountDeletionKey('user'), exportRequestKey('user', 'export'), watermarkRequestKey('user')]) {
      expect(prefixes.some((prefix) => key.startsWith(prefix)), key).toBe(true);
    }
    // An archive is written under another prefix, so writing one starts nothing.
    expect(prefixes.some((prefix) => exportArchiveKey('user', 'export').startsWith(prefix))).toBe(false);
  });

  test('export archives and their requests expire after 7 days, and abandoned multipart uploads after a day', () => {
    const rules = input<{ id: string; status: string; filter?: { prefix?: string }; expiration?: { days: number }; abortIncompleteMultipartUpload?: { daysAfterInitiation: number } }[]>(forBucket(TYPES.lifecycle, 'Media')[0]!, 'rules');
    expect(rules).toEqual([
      expect.objectContaining({ id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }),
      expect.objectContaining({ id: 'expire-exports', filter: expect.objectContaining({ prefix: 'exports/' }), expiration: expect.objectContaining({ days: 7 }) }),
      expect.objectContaining({ id: 'expire-export-requests', filter: expect.objectContaining({ prefix: 'export-requests/' }), expiration: expect.objectContaining({ days: 7 }) }),
    ]);
  });

  const components = JOB_WIRING.map((row) => row.component);

  test.each(components)('%s: three attempts, then a dead-letter queue kept for 14 days', (name) => {
    const redrive = JSON.parse(input<string>(queueNamed(`${name}Queue`), 'redrivePolicy')) as { deadLetterTargetArn: string; maxReceiveCount: number };
    expect(redrive.maxReceiveCount).toBe(MAX_DELIVERY_ATTEMPTS);
    const deadLetters = queueNamed(`${name}DeadLetters`);
    expect(redrive.deadLetterTargetArn).toBe(state(deadLetters, 'arn'));
    expect(input(deadLetters, 'messageRetentionSeconds')).toBe(14 * 24 * 3600);
  });

  test.each(components)('%s: the queue hides a message for at least six function timeouts', (name) => {
    const timeout = input<number>(lambdaOf(graph, name), 'timeout');
    expect(input<number>(queueNamed(`${name}Queue`), 'visibilityTimeoutSeconds')).toBeGreaterThanOrEqual(6 * timeout);
  });

  test.each(components)('%s: the dead-letter alarm notifies the alerts topic', (name) => {
    const alarm = getResource(graph, TYPES.alarm, `${name}DeadLetterAlarm`);
    expect(input<Record<string, string>>(alarm, 'dimensions').QueueName).toBe(state(queueNamed(`${name}DeadLetters`), 'name'));
    expect(input(alarm, 'threshold')).toBe(0);
    expect(input(alarm, 'comparisonOperator')).toBe('GreaterThanThreshold');
    expect(input<string[]>(alarm, 'alarmActions')).toEqual([state(getResource(graph, 'aws:sns/topic:Topic', 'AlertsTopic'), 'arn')]);
  });

  test.each(JOB_WIRING.map((row) => [row.component, row] as const))('%s takes the batch size and concurrency of its row', (name, row) => {
    const mapping = resourcesOfType(graph, TYPES.eventSourceMapping).find((candidate) => input(candidate, 'functionName') === state(lambdaOf(graph, name), 'arn'));
    expect(input(mapping!, 'batchSize')).toBe(row.batchSize);
    expect(input(mapping!, 'scalingConfig')).toEqual('maxConcurrency' in row ? { maximumConcurrency: row.maxConcurrency } : undefined);
  });

  test.each(['AnalyzeProfile', 'IndexFaces'])('%s runs at most five batches at once (Rekognition requests per second)', (name) => {
    const mapping = resourcesOfType(graph, TYPES.eventSourceMapping).find((candidate) => input(candidate, 'functionName') === state(lambdaOf(graph, name), 'arn'));
    expect(input(mapping!, 'scalingConfig')).toEqual({ maximumConcurrency: 5 });
    expect(input(mapping!, 'batchSize')).toBe(5);
  });

  test('process-image takes one upload per invocation, so its time bound always fits the timeout', () => {
    const mapping = resourcesOfType(graph, TYPES.eventSourceMapping).find((candidate) => input(candidate, 'functionName') === state(lambdaOf(graph, 'ProcessImage'), 'arn'));
    expect(input(mapping!, 'batchSize')).toBe(1);
  });

  test('the outputs name every job kind’s dead-letter queue', () => {
    for (const row of JOB_WIRING) {
      const output = `${row.component[0]!.toLowerCase()}${row.component.slice(1)}DeadLetters`;
      expect(graph.outputs[output], output).toBe(state(queueNamed(`${row.component}DeadLetters`), 'url'));
    }
  });
});

describe('functions', () => {
  const build = (name: string) => graph.builds.find((candidate) => candidate.functionID === name)!;
  const locked = (name: string) => readLockedVersions(repoRoot, [name])[name];

  test('every package SST installs into a function is pinned to the version package-lock.json locks, never "*"', () => {
    const installed = graph.builds.flatMap((candidate) => Object.entries(candidate.properties.install ?? {}).map(([name, version]) => `${candidate.functionID}: ${name}@${version}`));
    expect(installed.length).toBeGreaterThan(0);
    const expected = graph.builds.flatMap((candidate) => Object.keys(candidate.properties.install ?? {}).map((name) => `${candidate.functionID}: ${name}@${locked(name)}`));
    expect(installed).toEqual(expected);
    expect(installed.filter((entry) => !/@\d+\.\d+\.\d+[\w.-]*$/.test(entry))).toEqual([]);
  });

  test.each(JOB_WIRING.map((row) => [row.component, `functions/${row.name}.handler`]))('%s is built from %s, which exists', (name, handler) => {
    expect(build(name).handler).toBe(handler);
    expect(build(name).sourceExists).toBe(true);
  });

  test('process-image: arm64, sharp installed for Lambda, sized from the benchmark', () => {
    const lambda = lambdaOf(graph, 'ProcessImage');
    expect(input(lambda, 'architectures')).toEqual(['arm64']);
    expect(input(lambda, 'memorySize')).toBe(1769);
    expect(input(lambda, 'timeout')).toBe(60);
    expect(build('ProcessImage').properties).toMatchObject({ install: { sharp: locked('sharp') }, architecture: 'arm64' });
  });

  test('index-faces leaves usearch out of its bundle and ships it with its arm64 binary, no install script run', () => {
    const { properties } = build('IndexFaces');
    expect(properties).toMatchObject({ architecture: 'arm64', esbuild: { external: ['usearch'] } });
    expect(Object.keys(properties.install ?? {})).not.toContain('usearch');
    const zip = readFileSync(path.join(graph.projectRoot, '.sst', 'artifacts', 'IndexFaces', 'code.zip'));
    for (const file of ['node_modules/usearch/prebuilds/linux-arm64/usearch.node', 'node_modules/usearch/javascript/dist/esm/usearch.js', 'node_modules/node-gyp-build/index.js']) {
      expect(zip.includes(Buffer.from(file)), file).toBe(true);
    }
    expect(zip.includes(Buffer.from('node_modules/usearch/prebuilds/linux-x64'))).toBe(false);
  });

  test('process-image ships every watermark font file in its code zip', () => {
    const fonts = readdirSync(path.join(repoRoot, 'assets', 'fonts'));
    expect(fonts.length).toBeGreaterThan(0);
    // Zip entries store their names uncompressed, so each file's path appears verbatim in the archive.
    const zip = readFileSync(path.join(graph.projectRoot, '.sst', 'artifacts', 'ProcessImage', 'code.zip'));
    for (const font of fonts) expect(zip.includes(Buffer.from(`assets/fonts/${font}`))).toBe(true);
  });

  test('process-image cannot call Rekognition or any other unscoped action', () => {
    const grants = grantsByComponent(graph, 'ProcessImage');
    // Sending its traces is the one thing it may do on no resource in particular, as every function (graph.test.ts, tracing).
    expect(grants['*']).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(Object.values(grants).flat().filter((action) => action.startsWith('rekognition:'))).toEqual([]);
  });

  test('index-faces and the site reach Rekognition collections of this stage only, one per user', () => {
    const collections = `arn:aws:rekognition:${FAKE_REGION}:${FAKE_ACCOUNT}:collection/headshot.graph.*`;
    expect(grantsByComponent(graph, 'IndexFaces')[collections]).toEqual([
      'rekognition:CreateCollection',
      'rekognition:DeleteCollection',
      'rekognition:DeleteFaces',
      'rekognition:IndexFaces',
      'rekognition:ListFaces',
      'rekognition:SearchFaces',
    ]);
    expect(grantsByComponent(graph, 'WebServerUseast1')[collections]).toEqual(['rekognition:DeleteFaces', 'rekognition:SearchFaces', 'rekognition:SearchFacesByImage']);
    const variables = plain<{ variables: Record<string, string> }>(input(lambdaOf(graph, 'IndexFaces'), 'environment')).variables;
    expect(variables).toMatchObject({ FACE_ANALYZER: 'rekognition', FACE_COLLECTION_PREFIX: 'headshot.graph.' });
  });

  test('stage prod cannot touch prod-eu’s collections: every Rekognition grant names its own stage’s, in its own account and region', () => {
    const here = { partition: 'aws', region: FAKE_REGION, account: FAKE_ACCOUNT };
    const collection = (stage: string, userId: string, where = here) =>
      `arn:${where.partition}:rekognition:${where.region}:${where.account}:collection/${collectionIdOf(faceCollectionPrefix({ name: 'headshot', stage }), userId)}`;
    const granted = [
      ...new Set(
        resourcesOfType(graph, TYPES.sstFunction).flatMap(({ name }) =>
          functionStatements(graph, name)
            .filter((statement) => statement.Effect === 'Allow' && statement.Action.some((action) => action.startsWith('rekognition:')))
            .flatMap((statement) => statement.Resource)
            .filter((resource) => resource !== '*'),
        ),
      ),
    ];
    // What the graph grants is what the naming says this stage's collections are, and nothing wider.
    expect(granted).toEqual([faceCollectionsArn(here, { name: 'headshot', stage: 'graph' })]);
    // Stage names hold letters, digits and hyphens (SST's rule), so one stage's name can start another's.
    for (const [stage, neighbour] of [['prod', 'prod-eu'], ['prod', 'prod-1'], ['graph', 'graph-eu']] as const) {
      const grant = faceCollectionsArn(here, { name: 'headshot', stage });
      for (const userId of ['user_2abcDEF', 'usr_B7kQ2mX9pL4vN8cR']) {
        expect(iamResourceMatches(grant, collection(stage, userId)), `${stage} reaches its own`).toBe(true);
        expect(iamResourceMatches(grant, collection(neighbour, userId)), `${stage} reaches ${neighbour}'s`).toBe(false);
        expect(iamResourceMatches(grant, collection(stage, userId, { ...here, region: 'eu-west-1' })), `${stage} reaches another region`).toBe(false);
        expect(iamResourceMatches(grant, collection(stage, userId, { ...here, account: '210987654321' })), `${stage} reaches another account`).toBe(false);
      }
    }
  });

  test('make-linkedin-ready: sized from its bench, carries the built-in model and the segmentation model even where Rekognition checks faces', () => {
    const lambda = lambdaOf(graph, 'MakeLinkedInReady');
    expect(input(lambda, 'memorySize')).toBe(LINKEDIN_READY_WORKLOAD.memoryMb);
    expect(input(lambda, 'timeout')).toBe(60);
    expect(Object.keys(build('MakeLinkedInReady').properties.install ?? {}).sort()).toEqual(
      ['@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-core', '@vladmandic/human', 'sharp'],
    );
    const zip = readFileSync(path.join(graph.projectRoot, '.sst', 'artifacts', 'MakeLinkedInReady', 'code.zip'));
    for (const file of ['assets/models/selfie/selfie.json', 'assets/models/selfie/selfie.bin']) expect(zip.includes(Buffer.from(file)), file).toBe(true);
    expect(Object.values(grantsByComponent(graph, 'MakeLinkedInReady')).flat().filter((action) => action.startsWith('rekognition:'))).toEqual(['rekognition:DetectFaces']);
  });

  test('rerender-watermarks: one full vCPU for sharp, five minutes a run (a run hands over a minute before), the watermark font, and no originals', () => {
    const lambda = lambdaOf(graph, 'RerenderWatermarks');
    expect(input(lambda, 'memorySize')).toBe(1769);
    expect(input(lambda, 'timeout')).toBe(300);
    expect(input(lambda, 'architectures')).toEqual(['arm64']);
    expect(build('RerenderWatermarks').properties).toMatchObject({ install: { sharp: locked('sharp') }, architecture: 'arm64' });
    const zip = readFileSync(path.join(graph.projectRoot, '.sst', 'artifacts', 'RerenderWatermarks', 'code.zip'));
    for (const font of readdirSync(path.join(repoRoot, 'assets', 'fonts'))) expect(zip.includes(Buffer.from(`assets/fonts/${font}`)), font).toBe(true);
    // It works from a photo's clean copies in the media bucket: the originals bucket is not its to read.
    const grants = grantsByComponent(graph, 'RerenderWatermarks');
    expect(grants.Media).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(grants.Uploads).toBeUndefined();
    expect(Object.values(grants).flat().filter((action) => action.startsWith('rekognition:'))).toEqual([]);
  });

  test('analyze-profile may call rekognition:DetectFaces and nothing else of Rekognition', () => {
    const actions = Object.values(grantsByComponent(graph, 'AnalyzeProfile')).flat();
    expect(actions.filter((action) => action.startsWith('rekognition:'))).toEqual(['rekognition:DetectFaces']);
    expect(plain<{ variables: Record<string, string> }>(input(lambdaOf(graph, 'AnalyzeProfile'), 'environment')).variables.FACE_ANALYZER).toBe('rekognition');
    expect(build('AnalyzeProfile').properties.install).toEqual({ sharp: locked('sharp') });
  });
});

describe('live updates', () => {
  const build = (name: string) => graph.builds.find((candidate) => candidate.functionID === name)!;

  test('an IoT custom authorizer (unsigned tokens: the MQTT password) runs functions/live-authorizer.handler, which IoT may invoke', () => {
    const [authorizer, ...others] = resourcesOfType(graph, 'aws:iot/authorizer:Authorizer');
    expect(others).toEqual([]);
    expect(input(authorizer!, 'signingDisabled')).toBe(true);
    expect(build('RealtimeAuthorizerHandler').handler).toBe('functions/live-authorizer.handler');
    expect(build('RealtimeAuthorizerHandler').sourceExists).toBe(true);
    const permission = resourcesOfType(graph, 'aws:lambda/permission:Permission').find((candidate) => input(candidate, 'principal') === 'iot.amazonaws.com');
    expect(permission && input(permission, 'action')).toBe('lambda:InvokeFunction');
  });

  test('the authorizer: arm64, within IoT’s 5-second limit', () => {
    const lambda = lambdaOf(graph, 'RealtimeAuthorizerHandler');
    expect(input(lambda, 'architectures')).toEqual(['arm64']);
    expect(input(lambda, 'timeout')).toBe(5);
  });

  test('the authorizer, which anyone can reach through IoT, holds its token key and no sign-in secret, and may only GetItem the two items it reads', () => {
    const variables = plain<{ variables: Record<string, string> }>(input(lambdaOf(graph, 'RealtimeAuthorizerHandler'), 'environment')).variables;
    // The key the site signs tokens with, as the site derives it from its own environment, and not the secret it comes from.
    const site = plain<{ variables: Record<string, string> }>(input(lambdaOf(graph, 'WebServerUseast1'), 'environment')).variables;
    expect(variables.LIVE_TOKEN_KEY).toBe(liveTokenKeyOf(authSettings(site).keyMaterial).toString('base64url'));
    expect(Object.keys(variables).filter((name) => /CLERK|AUTH_SECRET/.test(name))).toEqual([]);
    expect(Object.values(variables)).not.toContain('sk_test_graph');
    const statements = functionStatements(graph, 'RealtimeAuthorizerHandler').filter((statement) => statement.Effect === 'Allow');
    const table = state<string>(getResource(graph, TYPES.table, 'TableTable'), 'arn');
    expect(statements.filter((statement) => !statement.Action.every((action) => action.startsWith('logs:') || action.startsWith('xray:')))).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [table], Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['closed#*', '$headshot#userId_*'] } } },
    ]);
  });

  test('functions and the site publish to this stage’s user topics only, and browsers publish nothing', () => {
    for (const component of [...JOB_WIRING.map((row) => row.component), 'StoreDeadLetter', 'Sweep', 'WebServerUseast1']) {
      const grants = grantsByComponent(graph, component);
      const iot = Object.entries(grants).filter(([, actions]) => actions.some((action) => action.startsWith('iot:')));
      expect(iot, component).toEqual([['arn:aws:iot:*:*:topic/headshot/graph/users/*', ['iot:Publish']]]);
    }
  });
});

describe('table', () => {
  const table = () => getResource(graph, TYPES.table, 'TableTable');

  test('keys and global indexes are the ones lib/db/table.ts defines', () => {
    expect(input(table(), 'hashKey')).toBe(tableDefinition.partitionKey);
    expect(input(table(), 'rangeKey')).toBe(tableDefinition.sortKey);
    const indexes = input<{ name: string; hashKey: string; rangeKey: string; projectionType: string }[]>(table(), 'globalSecondaryIndexes');
    expect(indexes).toEqual(
      Object.entries(tableDefinition.globalIndexes).map(([name, index]) => ({ name, hashKey: index.partitionKey, rangeKey: index.sortKey, projectionType: 'ALL' })),
    );
  });

  test('TTL on expiresAt, point-in-time recovery, on-demand billing', () => {
    expect(input(table(), 'ttl')).toEqual({ attributeName: tableDefinition.ttlAttribute, enabled: true });
    expect(input(table(), 'pointInTimeRecovery')).toEqual({ enabled: true });
    expect(input(table(), 'billingMode')).toBe('PAY_PER_REQUEST');
  });

  test('a non-production stage can be removed: no deletion protection, removal "remove"', () => {
    expect(input(table(), 'deletionProtectionEnabled')).toBe(false);
    expect(graph.app).toMatchObject({ removal: 'remove', protect: false });
  });
});

describe('secrets and the site', () => {
  test("Clerk's keys are SST secrets", () => {
    const secrets = resourcesOfType(graph, TYPES.secret).map((secret) => secret.name);
    expect(secrets.sort()).toEqual(['ClerkJwtKey', 'ClerkPublishableKey', 'ClerkSecretKey', 'ClerkWebhookSigningSecret', 'MediaSigningKey']);
  });

  test('the Next.js server gets the Clerk keys from the secrets', () => {
    const variables = plain<{ variables: Record<string, string> }>(input(lambdaOf(graph, 'WebServerUseast1'), 'environment')).variables;
    expect(variables.CLERK_SECRET_KEY).toBe('sk_test_graph');
    expect(variables.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY).toBe('pk_test_graph');
    // Sessions verify with no network call to Clerk on AWS too.
    expect(variables.CLERK_JWT_KEY).toBe('jwt_key_graph');
    // Clerk's user.deleted webhook is verified with it (app/webhooks/clerk).
    expect(variables.CLERK_WEBHOOK_SIGNING_SECRET).toBe('whsec_Z3JhcGg=');
  });

  test('the account-deletion job, which deletes the Clerk user, gets Clerk’s secret key, and no other job does', () => {
    const clerkKeyOf = (component: string) => plain<{ variables: Record<string, string> }>(input(lambdaOf(graph, component), 'environment')).variables.CLERK_SECRET_KEY;
    const rows: readonly JobWiring[] = JOB_WIRING;
    for (const row of rows) expect(clerkKeyOf(row.component), row.component).toBe(row.reads?.includes('clerk-secret-key') ? 'sk_test_graph' : undefined);
    expect(rows.filter((row) => row.reads?.includes('clerk-secret-key')).map((row) => row.component)).toEqual(['DeleteAccount']);
  });

  test('the webhook job holds the key signing secrets are encrypted with, derived as the site derives it, and no sign-in secret; no other job holds it', () => {
    const variablesOf = (component: string) => plain<{ variables: Record<string, string> }>(input(lambdaOf(graph, component), 'environment')).variables;
    const site = variablesOf('WebServerUseast1');
    const rows: readonly JobWiring[] = JOB_WIRING;
    for (const row of rows) {
      const variables = variablesOf(row.component);
      if (!row.reads?.includes('webhook-secret-key')) {
        expect(variables.WEBHOOK_SECRET_KEY, row.component).toBeUndefined();
        continue;
      }
      expect(variables.WEBHOOK_SECRET_KEY).toBe(webhookSecretKeyOf(authSettings(site).keyMaterial).toString('base64url'));
      expect(Object.keys(variables).filter((name) => /CLERK|AUTH_SECRET/.test(name))).toEqual([]);
    }
    expect(rows.filter((row) => row.reads?.includes('webhook-secret-key')).map((row) => row.component)).toEqual(['DeliverWebhook']);
  });

  test('the site checks the origin secret derived from the sign-in secret, reads no X-Forwarded-For hops, and has no fixed origin without a domain', () => {
    const variables = plain<{ variables: Record<string, string> }>(input(lambdaOf(graph, 'WebServerUseast1'), 'environment')).variables;
    expect(variables.CLOUDFRONT_ORIGIN_SECRET).toBe(originSecretOf('sk_test_graph'));
    expect(variables.TRUSTED_PROXY_HOPS).toBeUndefined();
    expect(variables.SITE_URL).toBeUndefined();
  });

  test('both buckets declare their encryption: SSE-S3 without a key of our own', () => {
    for (const component of ['Uploads', 'Media']) {
      const [encryption, ...others] = forBucket(TYPES.bucketEncryption, component);
      expect(others).toEqual([]);
      expect(input(encryption!, 'rules')).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }]);
    }
    expect(resourcesOfType(graph, TYPES.kmsKey)).toEqual([]);
  });
});

describe('the site as deployed', () => {
  test('SST builds it with the pinned OpenNext, the same version CI builds with', () => {
    const commands = resourcesOfType(graph, 'command:local:Command').map((command) => input<string>(command, 'create'));
    expect(commands).toContain(`npx --yes @opennextjs/aws@${OPEN_NEXT_VERSION} build`);
  });

  test('the distribution adds the origin secret to every request, before SST picks the origin, and forwards CloudFront-Viewer-Address', () => {
    const [distribution, ...others] = resourcesOfType(graph, TYPES.distribution);
    expect(others).toEqual([]);
    const behavior = input<{ functionAssociations: { eventType: string; functionArn: string }[]; originRequestPolicyId: string }>(distribution!, 'defaultCacheBehavior');
    const viewerRequest = behavior.functionAssociations.filter((association) => association.eventType === 'viewer-request');
    expect(viewerRequest).toHaveLength(1);
    const fn = resourcesOfType(graph, TYPES.cloudFrontFunction).find((candidate) => state(candidate, 'arn') === viewerRequest[0]!.functionArn)!;
    const code = input<string>(fn, 'code');
    const injection = originSecretInjection(originSecretOf('sk_test_graph'));
    expect(code).toContain(injection);
    expect(code.indexOf(injection)).toBeLessThan(code.indexOf('routeSite('));
    // CloudFront's managed AllViewerExceptHostHeader policy: every viewer header and CloudFront's own, CloudFront-Viewer-Address among them.
    expect(behavior.originRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
  });

  test('the server function URL is locked: public only to the requests its function checks; the unused image optimiser takes signed calls only', () => {
    const authorization = (name: string) => input(getResource(graph, TYPES.functionUrl, name), 'authorizationType');
    expect(authorization('WebServerUseast1Url')).toBe('NONE');
    expect(authorization('WebImageOptimizerUrl')).toBe('AWS_IAM');
    expect(resourcesOfType(graph, TYPES.functionUrl).map((url) => url.name).sort()).toEqual(['WebImageOptimizerUrl', 'WebServerUseast1Url']);
  });

  test('the server function runs on the architecture open-next.config.ts installs sharp for', () => {
    const lambda = lambdaOf(graph, 'WebServerUseast1');
    expect(input(lambda, 'architectures')).toEqual([SITE_SERVER_ARCHITECTURE]);
    expect(input(lambda, 'runtime')).toBe(SITE_SERVER_RUNTIME);
  });
});

describe('the edge: metrics and alarm, no web ACL outside production', () => {
  const distribution = () => {
    const [only, ...others] = resourcesOfType(graph, TYPES.distribution);
    expect(others).toEqual([]);
    return only!;
  };

  test('CloudFront’s additional metrics (the cache hit rate among them) are on for the distribution, whose id is an output', () => {
    const subscriptions = resourcesOfType(graph, TYPES.monitoringSubscription);
    expect(subscriptions.map((subscription) => [input(subscription, 'distributionId'), input(subscription, 'monitoringSubscription')])).toEqual([
      [distribution().id, { realtimeMetricsSubscriptionConfig: { realtimeMetricsSubscriptionStatus: 'Enabled' } }],
    ]);
    expect(graph.outputs.distributionId).toBe(distribution().id);
  });

  test('an alarm in us-east-1, where CloudFront’s metrics are, fires above 5% of answers in 5xx over five minutes of at least 20 requests, to a topic in us-east-1', () => {
    const alarm = getResource(graph, TYPES.alarm, 'WebCdn5xxAlarm');
    expect(input(alarm, 'region')).toBe('us-east-1');
    const metric = (metricName: string, stat: string) => ({ namespace: 'AWS/CloudFront', metricName, dimensions: { DistributionId: distribution().id, Region: 'Global' }, period: 300, stat });
    expect(input(alarm, 'metricQueries')).toEqual([
      { id: 'errors', metric: metric('5xxErrorRate', 'Average'), returnData: false },
      { id: 'requests', metric: metric('Requests', 'Sum'), returnData: false },
      expect.objectContaining({ id: 'rate', expression: 'IF(requests >= 20, errors, 0)', returnData: true }),
    ]);
    expect([input(alarm, 'comparisonOperator'), input(alarm, 'threshold'), input(alarm, 'evaluationPeriods'), input(alarm, 'treatMissingData')]).toEqual(['GreaterThanThreshold', 5, 1, 'notBreaching']);
    const topic = getResource(graph, TYPES.topic, 'EdgeAlerts');
    expect(input(topic, 'region')).toBe('us-east-1');
    expect(input(alarm, 'alarmActions')).toEqual([state(topic, 'arn')]);
    expect(input(alarm, 'okActions')).toEqual([state(topic, 'arn')]);
  });

  test('WAF is off outside the production stages: no web ACL, and none on the distribution', () => {
    expect(resourcesOfType(graph, TYPES.webAcl)).toEqual([]);
    expect(input(distribution(), 'webAclId')).toBeUndefined();
  });
});

describe('nothing lost', () => {
  const arnOf = (name: string) => state<string>(lambdaOf(graph, name), 'arn');

  test('every dead-letter queue is drained by the store-dead-letter function, with partial batch responses', () => {
    for (const queue of JOB_WIRING.map((row) => `${row.component}DeadLettersQueue`)) {
      const mappings = resourcesOfType(graph, TYPES.eventSourceMapping).filter((mapping) => input(mapping, 'eventSourceArn') === state(getResource(graph, TYPES.queue, queue), 'arn'));
      expect(mappings.map((mapping) => input(mapping, 'functionName'))).toEqual([arnOf('StoreDeadLetter')]);
      expect(input(mappings[0]!, 'functionResponseTypes')).toEqual(['ReportBatchItemFailures']);
    }
  });

  test('the sweep runs every 5 minutes', () => {
    const target = resourcesOfType(graph, TYPES.eventTarget).find((candidate) => input(candidate, 'arn') === arnOf('Sweep'))!;
    const rule = resourcesOfType(graph, TYPES.eventRule).find((candidate) => state(candidate, 'name') === input(target, 'rule'))!;
    expect(input(rule, 'scheduleExpression')).toBe('rate(5 minutes)');
  });

  test('every function alarms on its errors and its throttles', () => {
    for (const name of [...JOB_WIRING.map((row) => row.component), 'StoreDeadLetter', 'Sweep', 'WebServerUseast1']) {
      const functionName = state<string>(lambdaOf(graph, name), 'name');
      const metrics = resourcesOfType(graph, TYPES.alarm)
        .filter((alarm) => input<Record<string, string>>(alarm, 'dimensions')?.FunctionName === functionName)
        .map((alarm) => input<string>(alarm, 'metricName'));
      expect(metrics.sort()).toEqual(['Errors', 'Throttles']);
    }
  });
});

// X-Ray on every function of the graph, SST's own (the site's server, its image optimiser, the live
// authorizer) included: active tracing, and the two writes it needs (docs/deploy.md#tracing).
describe('tracing', () => {
  const functionNames = () => resourcesOfType(graph, TYPES.sstFunction).map((fn) => fn.name);

  test('the graph has the functions this block checks', () => {
    expect(functionNames()).toEqual(expect.arrayContaining(['ProcessImage', 'IndexFaces', 'StoreDeadLetter', 'Sweep', 'WebServerUseast1', 'WebImageOptimizer', 'RealtimeAuthorizerHandler']));
  });

  test('every function is traced actively', () => {
    const untraced = functionNames().filter((name) => input<{ mode?: string } | undefined>(lambdaOf(graph, name), 'tracingConfig')?.mode !== 'Active');
    expect(untraced).toEqual([]);
  });

  test('every function may send its segments and telemetry to X-Ray, and nothing else of X-Ray', () => {
    for (const name of functionNames()) {
      const xray = functionStatements(graph, name).filter((statement) => statement.Effect === 'Allow' && statement.Action.some((action) => action.startsWith('xray:')));
      expect(xray, name).toEqual([expect.objectContaining({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: ['*'] })]);
    }
  });
});

mediaCdnChecks(graph);
