import { describe, expect, test, vi } from 'vitest';
import { jobRoutes } from '../../local/cloud';
import { FUNCTION_SPECS, isFunctionName } from '../../local/functions';
import { plannedBundles } from '../../scripts/deploy-check/bundles';
import type { JobWiring } from '../../lib/jobs/wiring';
import { expectedAccess } from './expected-access';
import { getResource, input, lambdaOf, resourcesOfType, state, TYPES } from './graph';
import { graphForThisFile } from './harness';
import { findViolations } from './rules';
import { readLockedVersions } from '../../infra/locked-versions';
import { repoRoot } from '../../scripts/sst-platform';

/*
 * A job kind that exists only here: one row added to the job-wiring table, and no other file
 * touched. Everything infra/, local/ and deploy:check make for a kind must follow from that row.
 */
const { ROW } = vi.hoisted(() => ({
  ROW: {
    name: 'shrink-archive',
    component: 'ShrinkArchive',
    description: 'A job kind that exists only in this test',
    subject: 'export',
    trigger: { bucket: 'Media', prefix: 'shrink-requests/' },
    memoryMb: 640,
    timeoutSeconds: 30,
    batchSize: 2,
    maxConcurrency: 3,
    buckets: { Media: 'read-write' },
    packages: ['image'],
  } satisfies JobWiring,
}));

vi.mock('../../lib/jobs/wiring', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/jobs/wiring')>();
  return { ...actual, JOB_WIRING: [...actual.JOB_WIRING, ROW] };
});

const graph = graphForThisFile({ stage: 'newkind' });

describe('on AWS (the config, run over the SST platform with mocks)', () => {
  const queue = (name: string) => getResource(graph, TYPES.queue, `${name}Queue`);

  test('the graph breaks none of the rules with the new kind in it: queue and dead-letter queue, the alarms, the drain, exactly its access', () => {
    expect(findViolations(graph, expectedAccess({ stage: 'newkind' }))).toEqual([]);
  });

  test('its trigger prefix in the media bucket is announced to its own queue, which keeps failures in its own dead-letter queue', () => {
    const media = state<string>(getResource(graph, TYPES.bucket, 'MediaBucket'), 'bucket');
    const notification = resourcesOfType(graph, TYPES.notification).find((candidate) => input(candidate, 'bucket') === media)!;
    expect(input<{ queueArn: string; filterPrefix: string }[]>(notification, 'queues')).toContainEqual(
      expect.objectContaining({ queueArn: state(queue('ShrinkArchiveQueue'), 'arn'), filterPrefix: 'shrink-requests/' }),
    );
    const redrive = JSON.parse(input<string>(queue('ShrinkArchiveQueue'), 'redrivePolicy')) as { deadLetterTargetArn: string };
    expect(redrive.deadLetterTargetArn).toBe(state(queue('ShrinkArchiveDeadLetters'), 'arn'));
    expect(getResource(graph, TYPES.alarm, 'ShrinkArchiveDeadLetterAlarm')).toBeDefined();
  });

  test('its function is built from functions/<name>.ts, sized as its row says, and consumes its queue in batches of its row', () => {
    const build = graph.builds.find((candidate) => candidate.functionID === 'ShrinkArchive')!;
    expect(build.handler).toBe('functions/shrink-archive.handler');
    expect(build.properties).toMatchObject({ install: readLockedVersions(repoRoot, ['sharp']) });
    const lambda = lambdaOf(graph, 'ShrinkArchive');
    expect(input(lambda, 'memorySize')).toBe(640);
    expect(input(lambda, 'timeout')).toBe(30);
    const mapping = resourcesOfType(graph, TYPES.eventSourceMapping).find((candidate) => input(candidate, 'functionName') === state(lambda, 'arn'))!;
    expect(input(mapping, 'batchSize')).toBe(2);
    expect(input(mapping, 'scalingConfig')).toEqual({ maximumConcurrency: 3 });
  });

  test('its dead-letter queue is an output of the stack', () => {
    expect(graph.outputs.shrinkArchiveDeadLetters).toBe(state(queue('ShrinkArchiveDeadLetters'), 'url'));
  });
});

describe('under the local cloud', () => {
  test('the bridge routes its trigger to its function, and what fails every attempt to store-dead-letter', () => {
    expect(jobRoutes()).toContainEqual({ bucket: 'headshot-media', prefix: 'shrink-requests/', functionName: 'shrink-archive', deadLetterFunction: 'store-dead-letter' });
  });

  test('the local cloud knows its function by name, with its deployed timeout', () => {
    expect(isFunctionName('shrink-archive')).toBe(true);
    expect(FUNCTION_SPECS.find((spec) => spec.name === 'shrink-archive')?.timeoutSeconds).toBe(30);
  });
});

describe('in deploy:check', () => {
  test('its bundle is built as SST builds it', () => {
    const bundle = plannedBundles().find((candidate) => candidate.label === 'shrink-archive');
    expect(bundle?.spec).toMatchObject({ name: 'shrink-archive', install: ['sharp'], memoryMb: 640 });
  });
});
