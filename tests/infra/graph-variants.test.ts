import { describe, expect, test } from 'vitest';
import { expectedAccess } from './expected-access';
import { getResource, grantsByComponent, input, lambdaOf, plain, resourcesOfType, state, TYPES } from './graph';
import { graphForThisFile } from './harness';
import { FAKE_ACCOUNT } from './mocks';
import { findViolations } from './rules';
import { WAF_RULES } from '../../lib/cost/workload';

/*
 * The same config deployed to "prod" with the built-in face model, originals expiring after 30 days,
 * a custom domain and a customer-managed KMS key, and WAF left to its production default (on): the
 * choices readInfraSettings() exposes must change the graph, and nothing else.
 */

const graph = graphForThisFile({ stage: 'prod', env: { FACE_ANALYZER: 'local', UPLOAD_EXPIRY_DAYS: '30', ENCRYPTION: 'kms' } });

test('the graph breaks none of the rules, with no Rekognition access at all', () => {
  expect(findViolations(graph, expectedAccess({ faceAnalyzer: 'local', encryption: 'kms', stage: 'prod', waf: true }))).toEqual([]);
  // On no resource in particular it may only send its traces, as every function (graph.test.ts, tracing).
  expect(grantsByComponent(graph, 'AnalyzeProfile')['*']).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
});

/*
 * With ENCRYPTION=kms the media bucket's objects are encrypted with the customer-managed key, so
 * CloudFront's origin access control must be able to decrypt what it reads.
 */
test("the key's policy lets the site's distribution, and no other, decrypt, and keeps the account's administration and IAM grants", () => {
  const [key] = resourcesOfType(graph, TYPES.kmsKey);
  const [policy, ...others] = resourcesOfType(graph, 'aws:kms/keyPolicy:KeyPolicy');
  expect(others).toEqual([]);
  expect(input(policy!, 'keyId')).toBe(`${key!.name}-id`);
  const [distribution, ...otherDistributions] = resourcesOfType(graph, TYPES.distribution);
  expect(otherDistributions).toEqual([]);
  expect(JSON.parse(input<string>(policy!, 'policy')).Statement).toEqual([
    { Sid: 'AccountAdministersAndIamGrants', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FAKE_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'MediaDistributionDecrypts',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'AWS:SourceArn': state(distribution!, 'arn') } },
    },
  ]);
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

interface WafRule {
  name: string;
  priority: number;
  action?: unknown;
  overrideAction?: unknown;
  statement: {
    managedRuleGroupStatement?: { vendorName: string; name: string; ruleActionOverrides?: unknown[] };
    rateBasedStatement?: {
      limit: number;
      evaluationWindowSec: number;
      aggregateKeyType: string;
      scopeDownStatement: { byteMatchStatement: { searchString: string; positionalConstraint: string; fieldToMatch: unknown; textTransformations: { type: string }[] } };
    };
  };
}

describe('WAF, on by default in production', () => {
  const webAcl = () => {
    const [only, ...others] = resourcesOfType(graph, TYPES.webAcl);
    expect(others).toEqual([]);
    return only!;
  };

  test('one CloudFront web ACL, in us-east-1 as CloudFront requires, guards the site’s distribution and lets the rest through', () => {
    const [distribution, ...others] = resourcesOfType(graph, TYPES.distribution);
    expect(others).toEqual([]);
    expect(input(webAcl(), 'scope')).toBe('CLOUDFRONT');
    expect(input(webAcl(), 'region')).toBe('us-east-1');
    expect(input(webAcl(), 'defaultAction')).toEqual({ allow: {} });
    expect(input(distribution!, 'webAclId')).toBe(state(webAcl(), 'arn'));
  });

  test('AWS’s common rule set runs first, blocking, but for its 8 KB body limit, which would refuse a photo searched with', () => {
    const [first] = input<WafRule[]>(webAcl(), 'rules');
    expect(first).toMatchObject({
      priority: 0,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet', ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] },
      },
    });
  });

  test('a rate-based rule per address on each of /sign-in, /s/ and /api/, over five minutes, answering 429', () => {
    const rate = input<WafRule[]>(webAcl(), 'rules')
      .filter((rule) => rule.statement.rateBasedStatement)
      .map((rule) => {
        const statement = rule.statement.rateBasedStatement!;
        const match = statement.scopeDownStatement.byteMatchStatement;
        return { path: match.searchString, how: match.positionalConstraint, on: match.fieldToMatch, decoded: match.textTransformations.map((transformation) => transformation.type), per: statement.aggregateKeyType, window: statement.evaluationWindowSec, limit: statement.limit, action: rule.action };
      });
    const common = { how: 'STARTS_WITH', on: { uriPath: {} }, decoded: ['URL_DECODE', 'LOWERCASE'], per: 'IP', window: 300, action: { block: { customResponse: { responseCode: 429 } } } };
    expect(rate).toEqual([
      { path: '/sign-in', limit: 300, ...common },
      { path: '/s/', limit: 2_000, ...common },
      { path: '/api/', limit: 10_000, ...common },
    ]);
  });

  test('it has the rules `npm run cost` prices, each with its own metric, in distinct priorities', () => {
    const rules = input<(WafRule & { visibilityConfig: { metricName: string; cloudwatchMetricsEnabled: boolean } })[]>(webAcl(), 'rules');
    expect(rules).toHaveLength(WAF_RULES);
    expect(new Set(rules.map((rule) => rule.priority)).size).toBe(rules.length);
    expect(new Set(rules.map((rule) => rule.visibilityConfig.metricName)).size).toBe(rules.length);
    expect(rules.every((rule) => rule.visibilityConfig.cloudwatchMetricsEnabled)).toBe(true);
  });
});
