/*
 * The site's CloudFront distribution, for the functions that invalidate it. infra/web.ts creates it
 * (SST's Nextjs) and imports infra/functions.ts, which makes the functions; functions.ts reads it
 * through this deferred value, which web.ts provides, instead of importing web.ts back. Undefined
 * under `sst dev`, where the site runs on the developer's machine and has no distribution.
 */
export interface SiteDistribution {
  id: string;
  arn: string;
}

export const [siteDistribution, provideSiteDistribution] = $util.deferredOutput<SiteDistribution | undefined>();
