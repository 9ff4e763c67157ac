import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectedAccess } from './expected-access';
import { disposeInfraGraph, runInfraGraph, type InfraGraph } from './harness';
import { platformDir } from '../../scripts/sst-platform';
import { findViolations } from './rules';

/*
 * The rules must catch a broken config. This runs the real config with mistakes injected through
 * SST's own $transform: the process-image queue loses its dead-letter queue; analyze-profile is also
 * linked to the uploads bucket, which it never reads; nothing drains analyze-profile's dead-letter
 * queue; the sweep's schedule is switched off; analyze-profile gets a public function URL; the
 * site's distribution no longer adds the origin secret, so the server function's URL is open to anyone;
 * and the uploads bucket is made public (a policy that lets anyone read, its public access block relaxed).
 */

let graph: InfraGraph;
let violations: string[];

beforeAll(async () => {
  graph = await runInfraGraph({
    stage: 'broken',
    before: async () => {
      $transform(sst.aws.Queue, (args, _opts, name) => {
        if (name === 'ProcessImageQueue' && args) delete args.dlq;
      });
      // Queue.subscribe() builds its event source mapping in this component, which sst.aws does not export.
      const { QueueLambdaSubscriber } = await import(pathToFileURL(path.join(platformDir, 'src', 'components', 'aws', 'queue-lambda-subscriber.ts')).href);
      $transform(QueueLambdaSubscriber, (args: { transform?: object }, _opts: unknown, name: string) => {
        if (!name.startsWith('AnalyzeProfileDeadLetters')) return;
        args.transform = { ...args.transform, eventSourceMapping: (mapping: { enabled?: boolean }) => void (mapping.enabled = false) };
      });
      $transform(sst.aws.Nextjs, (args) => {
        if (args) delete args.edge;
      });
      $transform(sst.aws.Cron, (args) => {
        args.enabled = false;
      });
      $transform(sst.aws.Bucket, (args, _opts, name) => {
        if (name === 'Uploads' && args) args.access = 'public';
      });
      $transform(sst.aws.Function, (args, _opts, name) => {
        if (name !== 'AnalyzeProfile') return;
        args.url = true;
        // The same module instance sst.config.ts imported, so this is the deployed Uploads bucket.
        args.link = $output(args.link ?? []).apply(async (links) => [...links, (await import('../../infra/storage')).uploads]);
      });
    },
  });
  violations = findViolations(graph, expectedAccess({ stage: 'broken' }));
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
  expect(violations).toContain('function AnalyzeProfile is linked to [Media, Realtime, Table, Uploads], expected [Media, Realtime, Table]');
  expect(violations).toContain('function AnalyzeProfile may [s3:*] on Uploads, expected []');
});

test('a dead-letter queue that nothing drains is reported', () => {
  expect(violations).toContain('dead-letter queue AnalyzeProfileDeadLettersQueue has no consumer: nothing turns its messages into dead letters');
});

test('a sweep without its schedule is reported', () => {
  expect(violations).toContain('function Sweep has no enabled schedule "rate(5 minutes)"');
});

test('a public function URL whose function does not check the origin secret is reported', () => {
  expect(violations).toContain('function URL AnalyzeProfileUrl is public, and its function does not refuse requests that bypass CloudFront (no CLOUDFRONT_ORIGIN_SECRET)');
});

test('the server function URL is reported unlocked when the distribution no longer sends the origin secret', () => {
  expect(violations).toContain('function URL WebServerUseast1Url is public, and no distribution sends the origin secret its function checks');
});

test('a public bucket is reported: its policy lets anyone read, and its public access block no longer stops it', () => {
  expect(violations).toContain('bucket UploadsBucket: its policy allows anyone (s3:GetObject)');
  expect(violations).toContain('bucket UploadsBucket: blockPublicPolicy is not set');
  expect(violations).toContain('bucket UploadsBucket: restrictPublicBuckets is not set');
});

test('nothing else is reported', () => {
  expect(violations).toHaveLength(10);
});
