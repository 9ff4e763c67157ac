import { describe, expect, test } from 'vitest';
import { SHARED_FILE_EDGE_SECONDS } from '../../lib/links/edge-cache';
import { sharedFileEdgeInjection } from '../../lib/links/edge-request';
import { wiringOf } from '../../lib/jobs/wiring';
import { originSecretInjection } from '../../infra/site-build';
import { originSecretOf } from '../../lib/security/origin-secret';
import { expectedAccess, SITE_DISTRIBUTION_ARN } from './expected-access';
import { functionStatements, getResource, grantsByComponent, input, lambdaOf, plain, resourcesOfType, state, TYPES } from './graph';
import { graphForThisFile } from './harness';
import { findViolations } from './rules';

/*
 * Shared files at the edge, as deployed: the site's cache policy lets the origin's s-maxage decide how
 * long CloudFront keeps a shared file, its viewer-request function gives that file its cache key
 * (lib/links/edge-request.ts), and invalidate-cdn, a job kind like any other, may invalidate this
 * distribution and nothing else.
 */

const graph = graphForThisFile({ stage: 'cdn' });

const distribution = () => {
  const [only, ...others] = resourcesOfType(graph, TYPES.distribution);
  expect(others).toEqual([]);
  return only!;
};

/** The cache policy SST makes for the site's server, which the distribution's default behaviour uses (the mocks' id is its name, then -id); /media/* has its own. */
const serverCachePolicy = () => {
  const behavior = plain<Behavior>(input(distribution(), 'defaultCacheBehavior'));
  const [policy, ...others] = resourcesOfType(graph, 'aws:cloudfront/cachePolicy:CachePolicy').filter((candidate) => behavior.cachePolicyId === `${candidate.name}-id`);
  expect(others).toEqual([]);
  expect(policy, 'the default behaviour names a cache policy of the graph').toBeDefined();
  return policy!;
};

interface Behavior {
  cachePolicyId: string;
  functionAssociations: { eventType: string; functionArn: string }[];
}

test('the config runs to completion without errors', () => {
  expect(graph.errors).toEqual([]);
});

describe('the cache', () => {
  test('the server’s cache policy keeps what the origin says, s-maxage included: no TTL of its own, and room for the shared files’ hour', () => {
    const policy = serverCachePolicy();
    // With no Cache-Control nothing is kept (the pages send no-store anyway); with s-maxage, up to a year.
    expect(input(policy, 'defaultTtl')).toBe(0);
    expect(input(policy, 'minTtl')).toBe(0);
    expect(input<number>(policy, 'maxTtl')).toBeGreaterThanOrEqual(SHARED_FILE_EDGE_SECONDS);
  });

  test('its key: the URI, every query string, two of SST’s headers and no cookie, so the viewer request is what makes a shared file’s key its path alone', () => {
    const policy = serverCachePolicy();
    const key = plain<{
      cookiesConfig: { cookieBehavior: string };
      headersConfig: { headerBehavior: string; headers: { items: string[] } };
      queryStringsConfig: { queryStringBehavior: string };
    }>(input(policy, 'parametersInCacheKeyAndForwardedToOrigin'));
    expect(key.cookiesConfig.cookieBehavior).toBe('none');
    // Each invalidation of a path removes every copy whatever these headers held; Accept is not among them, the format is in the URI.
    expect(key.headersConfig).toEqual({ headerBehavior: 'whitelist', headers: { items: ['x-open-next-cache-key', 'x-forwarded-host'] } });
    // Every query string: a copy under `?x` would be one the path's invalidation misses, hence the viewer request drops them on shared files.
    expect(key.queryStringsConfig.queryStringBehavior).toBe('all');
  });

  test('the viewer-request function negotiates a shared photo’s format and drops its query string, after the origin secret and before SST routes it', () => {
    const behavior = plain<Behavior>(input(distribution(), 'defaultCacheBehavior'));
    const viewerRequest = behavior.functionAssociations.filter((association) => association.eventType === 'viewer-request');
    expect(viewerRequest).toHaveLength(1);
    const fn = resourcesOfType(graph, TYPES.cloudFrontFunction).find((candidate) => state(candidate, 'arn') === viewerRequest[0]!.functionArn)!;
    const code = input<string>(fn, 'code');
    const negotiation = code.indexOf(sharedFileEdgeInjection());
    expect(negotiation).toBeGreaterThan(code.indexOf(originSecretInjection(originSecretOf('sk_test_graph'))));
    expect(negotiation).toBeLessThan(code.indexOf('routeSite('));
    expect(input(fn, 'runtime')).toBe('cloudfront-js-2.0');
    // CloudFront refuses a function's code over 10 KB, SST's router and the injections together.
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(10 * 1024);
  });
});

describe('invalidate-cdn', () => {
  const row = wiringOf('invalidate-cdn');

  test('is a job kind like any other: its queue, dead-letter queue and their alarms, drained to dead letters, with exactly its row’s access', () => {
    expect(findViolations(graph, expectedAccess({ stage: 'cdn' }))).toEqual([]);
    const queue = getResource(graph, TYPES.queue, 'InvalidateCdnQueueQueue');
    const deadLetters = getResource(graph, TYPES.queue, 'InvalidateCdnDeadLettersQueue');
    expect(JSON.parse(input<string>(queue, 'redrivePolicy'))).toEqual({ deadLetterTargetArn: state(deadLetters, 'arn'), maxReceiveCount: 3 });
    expect(getResource(graph, TYPES.alarm, 'InvalidateCdnDeadLetterAlarm')).toBeDefined();
    const alarms = resourcesOfType(graph, TYPES.alarm).map((alarm) => alarm.name).filter((name) => name.startsWith('InvalidateCdn'));
    expect(alarms.length).toBeGreaterThanOrEqual(3);
    const mapping = resourcesOfType(graph, TYPES.eventSourceMapping).find((candidate) => input(candidate, 'functionName') === state(lambdaOf(graph, 'InvalidateCdn'), 'arn'))!;
    expect(input(mapping, 'eventSourceArn')).toBe(state(queue, 'arn'));
    expect(input(mapping, 'batchSize')).toBe(row.batchSize);
    const drains = resourcesOfType(graph, TYPES.eventSourceMapping).filter((candidate) => input(candidate, 'eventSourceArn') === state(deadLetters, 'arn'));
    expect(drains.map((drain) => input(drain, 'functionName'))).toEqual([state(lambdaOf(graph, 'StoreDeadLetter'), 'arn')]);
  });

  test('may create invalidations on the site’s distribution, and on no other, and do nothing else at CloudFront', () => {
    expect(state(distribution(), 'arn')).toBe(SITE_DISTRIBUTION_ARN);
    const grants = grantsByComponent(graph, 'InvalidateCdn');
    expect(grants[SITE_DISTRIBUTION_ARN]).toEqual(['cloudfront:CreateInvalidation']);
    const cloudFront = functionStatements(graph, 'InvalidateCdn').filter((statement) => statement.Action.some((action) => action.startsWith('cloudfront:')));
    expect(cloudFront).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['cloudfront:CreateInvalidation'], Resource: [SITE_DISTRIBUTION_ARN] })]);
    // No other job function may touch CloudFront.
    for (const other of ['ProcessImage', 'DeleteAccount', 'DeliverWebhook', 'StoreDeadLetter', 'Sweep']) {
      expect(functionStatements(graph, other).flatMap((statement) => statement.Action).filter((action) => action.startsWith('cloudfront:'))).toEqual([]);
    }
  });

  test('is told which distribution that is', () => {
    const variables = plain<{ variables: Record<string, string> }>(input(lambdaOf(graph, 'InvalidateCdn'), 'environment')).variables;
    // The id the mocks give the distribution SST made (its name, then -id).
    expect(distribution().name).toBe('WebCdnDistribution');
    expect(variables.CDN_DISTRIBUTION_ID).toBe('WebCdnDistribution-id');
  });
});
