import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectedAccess } from './graph/expected-access';
import { disposeInfraGraph, runInfraGraph, type InfraGraph } from './graph/harness';
import { findViolations } from './graph/rules';

/*
 * The rules must catch a broken config. This runs the real config with two mistakes injected through
 * SST's own $transform: the process-image queue loses its dead-letter queue, and analyze-profile is
 * also linked to the uploads bucket, which it never reads.
 */

let graph: InfraGraph;
let violations: string[];

beforeAll(async () => {
  graph = await runInfraGraph({
    stage: 'broken',
    before: () => {
      $transform(sst.aws.Queue, (args, _opts, name) => {
        if (name === 'ProcessImageQueue' && args) delete args.dlq;
      });
      $transform(sst.aws.Function, (args, _opts, name) => {
        if (name !== 'AnalyzeProfile') return;
        // The same module instance sst.config.ts imported, so this is the deployed Uploads bucket.
        args.link = $output(args.link ?? []).apply(async (links) => [...links, (await import('./storage')).uploads]);
      });
    },
  });
  violations = findViolations(graph, expectedAccess());
}, 180_000);

afterAll(async () => {
  if (graph) await disposeInfraGraph(graph);
});

test('the mutated config still deploys: the mistakes are in what it builds, not in the program', () => {
  expect(graph.errors).toEqual([]);
});

test('a bucket notification whose queue has no dead-letter queue is reported', () => {
  expect(violations).toContain('queue ProcessImageQueueQueue has no dead-letter queue');
});

test('a function linked to a bucket it does not use is reported, with the access that came with the link', () => {
  expect(violations).toContain('function AnalyzeProfile is linked to [Media, Table, Uploads], expected [Media, Table]');
  expect(violations).toContain('function AnalyzeProfile may [s3:*] on Uploads, expected []');
});

test('nothing else is reported', () => {
  expect(violations).toHaveLength(3);
});
