import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectedAccess } from './expected-access';
import { getResource, grantsByComponent, input, lambdaOf, plain, resourcesOfType, state, TYPES } from './graph';
import { disposeInfraGraph, runInfraGraph, type InfraGraph } from './harness';
import { findViolations } from './rules';

/*
 * The same config deployed to "prod" with the built-in face model, originals expiring after 30 days,
 * a custom domain and a customer-managed KMS key: the choices readInfraSettings() exposes must change
 * the graph, and nothing else.
 */

let graph: InfraGraph;

beforeAll(async () => {
  graph = await runInfraGraph({ stage: 'prod', env: { FACE_ANALYZER: 'local', UPLOAD_EXPIRY_DAYS: '30', ENCRYPTION: 'kms' } });
}, 180_000);

afterAll(async () => {
  if (graph) await disposeInfraGraph(graph);
});

test('the graph breaks none of the rules, with no Rekognition access at all', () => {
  expect(findViolations(graph, expectedAccess({ faceAnalyzer: 'local', encryption: 'kms', stage: 'prod' }))).toEqual([]);
  expect(grantsByComponent(graph, 'AnalyzeProfile')['*']).toBeUndefined();
});

test('analyze-profile ships the built-in model and gets the memory it was measured with', () => {
  const build = graph.builds.find((candidate) => candidate.functionID === 'AnalyzeProfile')!;
  expect(Object.keys(build.properties.install ?? {}).sort()).toEqual(
    ['@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-core', '@vladmandic/human', 'sharp'],
  );
  const lambda = lambdaOf(graph, 'AnalyzeProfile');
  expect(input(lambda, 'memorySize')).toBe(1536);
  expect(plain<{ variables: Record<string, string> }>(input(lambda, 'environment')).variables.FACE_ANALYZER).toBe('local');
});

test('originals under uploads/ expire after the configured 30 days', () => {
  const bucket = state<string>(getResource(graph, TYPES.bucket, 'UploadsBucket'), 'bucket');
  const lifecycle = resourcesOfType(graph, TYPES.lifecycle).find((candidate) => input(candidate, 'bucket') === bucket)!;
  expect(input(lifecycle, 'rules')).toContainEqual(
    expect.objectContaining({ status: 'Enabled', filter: { prefix: 'uploads/' }, expiration: { days: 30 } }),
  );
});

test('production keeps its data: deletion protection on the table, "retain" removal, protected stack', () => {
  expect(input(getResource(graph, TYPES.table, 'TableTable'), 'deletionProtectionEnabled')).toBe(true);
  expect(graph.app).toMatchObject({ removal: 'retain', protect: true });
});

test('ENCRYPTION=kms: one rotated customer-managed key encrypts both buckets (with bucket keys) and the table', () => {
  const [key, ...others] = resourcesOfType(graph, TYPES.kmsKey);
  expect(others).toEqual([]);
  expect(input(key!, 'enableKeyRotation')).toBe(true);
  const keyArn = state<string>(key!, 'arn');
  const encryptions = resourcesOfType(graph, TYPES.bucketEncryption);
  expect(encryptions).toHaveLength(2);
  for (const encryption of encryptions) {
    expect(input(encryption, 'rules')).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }]);
  }
  expect(input(getResource(graph, TYPES.table, 'TableTable'), 'serverSideEncryption')).toEqual({ enabled: true, kmsKeyArn: keyArn });
});

test('ENCRYPTION=kms: whoever reads or writes objects may use the key, and nobody else', () => {
  for (const name of ['ProcessImage', 'AnalyzeProfile', 'Sweep', 'StoreDeadLetter', 'WebServerUseast1']) {
    expect(grantsByComponent(graph, name).Data).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  }
  expect(grantsByComponent(graph, 'RealtimeAuthorizerHandler').Data).toBeUndefined();
});
