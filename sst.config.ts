/// <reference path="./.sst/platform/config.d.ts" />

/*
 * Every AWS resource of headshot. Each concern lives in infra/<concern>.ts and creates its resources
 * when imported; the SST globals (sst, aws, $app) only exist inside run(), hence the dynamic imports.
 */
export default $config({
  async app(input) {
    const { isProtectedStage } = await import('./infra/settings');
    const protectedStage = isProtectedStage(input.stage);
    return {
      name: 'headshot',
      home: 'aws',
      // Production keeps its buckets and table when the stack is removed; other stages clean up fully.
      removal: protectedStage ? 'retain' : 'remove',
      protect: protectedStage,
    };
  },
  async run() {
    await import('./infra/defaults');
    await import('./infra/secrets');
    const { uploads, media } = await import('./infra/storage');
    const { table } = await import('./infra/database');
    await import('./infra/monitoring');
    // Before web.ts: the web ACL is attached to distributions created after it.
    await import('./infra/waf');
    const { jobQueues } = await import('./infra/queues');
    const { realtime } = await import('./infra/realtime');
    await import('./infra/functions');
    const { site } = await import('./infra/web');

    return {
      site: site.url,
      // For CloudFront's metrics (the cache hit rate, docs/deploy.md) and the console.
      distributionId: site.nodes.cdn?.nodes.distribution.id,
      uploadsBucket: uploads.name,
      mediaBucket: media.name,
      table: table.name,
      realtimeEndpoint: realtime.endpoint,
      // Each job kind's dead-letter queue, for `npx sst shell -- npm run redrive` and the console.
      ...Object.fromEntries(jobQueues.map(({ row, deadLetters }) => [`${row.component[0]!.toLowerCase()}${row.component.slice(1)}DeadLetters`, deadLetters.url])),
    };
  },
});
