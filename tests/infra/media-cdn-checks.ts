import { describe, expect, test } from 'vitest';
import { mediaPublicKeyOf } from '../../lib/media-access/signing-key';
import { MEDIA_VIEWER_REQUEST_FUNCTION } from '../../lib/storage/media-paths';
import { getResource, input, lambdaOf, plain, policyStatements, resourcesOfType, state, TYPES } from './graph';
import { GRAPH_MEDIA_SIGNING_KEY, type InfraGraph } from './harness';

/*
 * The owners' media through the site's distribution (infra/media-cdn.ts): the media bucket as an
 * origin behind Origin Access Control, /media/* for signed cookies of one key group only, cached by
 * path, and a bucket policy that lets that distribution, and nothing else, read the served prefixes.
 * Checked on graph.test.ts's graph (the same configuration: one run of SST, not two).
 */

interface Origin {
  originId: string;
  domainName: string;
  originAccessControlId?: string;
  s3OriginConfig?: unknown;
  customOriginConfig?: unknown;
}
interface Behaviour {
  pathPattern: string;
  targetOriginId: string;
  trustedKeyGroups?: string[];
  cachePolicyId: string;
  allowedMethods: string[];
  viewerProtocolPolicy: string;
  functionAssociations?: { eventType: string; functionArn: string }[];
}

/** The media CDN's checks, over the default graph (filled in before the tests run). */
export function mediaCdnChecks(graph: InfraGraph): void {
  const distribution = () => {
    const [only, ...others] = resourcesOfType(graph, TYPES.distribution);
    expect(others).toEqual([]);
    return only!;
  };
  const mediaBucket = () => getResource(graph, TYPES.bucket, 'MediaBucket');
  const mediaBehaviour = () => input<Behaviour[]>(distribution(), 'orderedCacheBehaviors').find((behaviour) => behaviour.pathPattern === '/media/*')!;

  describe('the media behaviour', () => {
    test('its origin is the media bucket, reached through an origin access control that signs every request', () => {
      const origin = input<Origin[]>(distribution(), 'origins').find((candidate) => candidate.originId === mediaBehaviour().targetOriginId)!;
      expect(origin.domainName).toBe(state(mediaBucket(), 'bucketRegionalDomainName'));
      expect(origin.customOriginConfig).toBeUndefined();
      const oac = resourcesOfType(graph, 'aws:cloudfront/originAccessControl:OriginAccessControl').find((candidate) => `${candidate.name}-id` === origin.originAccessControlId)!;
      expect(oac).toBeDefined();
      expect(input(oac, 'originAccessControlOriginType')).toBe('s3');
      expect(input(oac, 'signingBehavior')).toBe('always');
      expect(input(oac, 'signingProtocol')).toBe('sigv4');
    });

    test('it serves only signed cookies of its key group, whose one key is the public half of the MediaSigningKey secret', () => {
      const behaviour = mediaBehaviour();
      expect(behaviour.trustedKeyGroups).toHaveLength(1);
      const keyGroup = resourcesOfType(graph, 'aws:cloudfront/keyGroup:KeyGroup').find((candidate) => `${candidate.name}-id` === behaviour.trustedKeyGroups![0])!;
      const [keyId, ...moreKeys] = input<string[]>(keyGroup, 'items');
      expect(moreKeys).toEqual([]);
      const publicKey = resourcesOfType(graph, 'aws:cloudfront/publicKey:PublicKey').find((candidate) => `${candidate.name}-id` === keyId)!;
      expect(input(publicKey, 'encodedKey')).toBe(mediaPublicKeyOf(GRAPH_MEDIA_SIGNING_KEY));
      // The site signs for that key, with the secret it is linked to.
      const variables = plain<{ variables: Record<string, string> }>(input(lambdaOf(graph, 'WebServerUseast1'), 'environment')).variables;
      expect(variables.MEDIA_KEY_PAIR_ID).toBe(keyId);
    });

    test('it is read-only, HTTPS, cached by path alone (no cookie, header or query in the key) for up to a year', () => {
      const behaviour = mediaBehaviour();
      expect(behaviour.allowedMethods.sort()).toEqual(['GET', 'HEAD']);
      expect(behaviour.viewerProtocolPolicy).toBe('redirect-to-https');
      const policy = resourcesOfType(graph, 'aws:cloudfront/cachePolicy:CachePolicy').find((candidate) => `${candidate.name}-id` === behaviour.cachePolicyId)!;
      expect(input(policy, 'maxTtl')).toBe(31_536_000);
      expect(input(policy, 'parametersInCacheKeyAndForwardedToOrigin')).toMatchObject({
        cookiesConfig: { cookieBehavior: 'none' },
        headersConfig: { headerBehavior: 'none' },
        queryStringsConfig: { queryStringBehavior: 'none' },
      });
    });

    test('its viewer-request function is the path mapping the local cloud runs', () => {
      const [association, ...others] = mediaBehaviour().functionAssociations ?? [];
      expect(others).toEqual([]);
      expect(association!.eventType).toBe('viewer-request');
      const fn = resourcesOfType(graph, TYPES.cloudFrontFunction).find((candidate) => state(candidate, 'arn') === association!.functionArn)!;
      expect(input(fn, 'code')).toBe(MEDIA_VIEWER_REQUEST_FUNCTION);
      expect(input(fn, 'runtime')).toBe('cloudfront-js-2.0');
    });

    test('the default behaviour still goes to the site, for everything else', () => {
      expect(input<{ targetOriginId: string }>(distribution(), 'defaultCacheBehavior').targetOriginId).toBe('default');
    });
  });

  describe('the media bucket', () => {
    test('stays private: its policy lets this distribution alone get the served prefixes, and grants nothing else', () => {
      const bucket = state<string>(mediaBucket(), 'bucket');
      const [policy, ...others] = resourcesOfType(graph, TYPES.bucketPolicy).filter((candidate) => input(candidate, 'bucket') === bucket);
      expect(others).toEqual([]);
      const allows = policyStatements(input<string>(policy!, 'policy')).filter((statement) => statement.Effect === 'Allow');
      expect(allows).toEqual([
        {
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Principal: { Service: ['cloudfront.amazonaws.com'] },
          Resource: ['images/', 'face-thumbnails/', 'exports/'].map((prefix) => `${state<string>(mediaBucket(), 'arn')}/${prefix}*`),
          Condition: { StringEquals: { 'AWS:SourceArn': [state(distribution(), 'arn')] } },
        },
      ]);
      const block = resourcesOfType(graph, TYPES.publicAccessBlock).find((candidate) => input(candidate, 'bucket') === bucket)!;
      for (const flag of ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets']) expect(input(block, flag)).toBe(true);
    });
  });
}
