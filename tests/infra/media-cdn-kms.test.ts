import { expect, test } from 'vitest';
import { expectedAccess } from './expected-access';
import { input, resourcesOfType, state, TYPES } from './graph';
import { FAKE_ACCOUNT } from './mocks';
import { graphForThisFile } from './harness';
import { findViolations } from './rules';

/*
 * With ENCRYPTION=kms the media bucket's objects are encrypted with the customer-managed key, so
 * CloudFront's origin access control must be able to decrypt what it reads: the key's policy lets
 * the site's distribution, and no other, decrypt, and keeps the account's own statement, on which
 * every IAM grant of the key rests.
 */

const graph = graphForThisFile({ stage: 'graph', env: { ENCRYPTION: 'kms' } });

test("the key's policy lets the site's distribution decrypt, and keeps the account's administration and IAM grants", () => {
  const [key] = resourcesOfType(graph, TYPES.kmsKey);
  const [policy, ...others] = resourcesOfType(graph, 'aws:kms/keyPolicy:KeyPolicy');
  expect(others).toEqual([]);
  expect(input(policy!, 'keyId')).toBe(`${key!.name}-id`);
  const [distribution] = resourcesOfType(graph, TYPES.distribution);
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

test('the graph still breaks none of the rules', () => {
  expect(findViolations(graph, expectedAccess({ encryption: 'kms' }))).toEqual([]);
});
