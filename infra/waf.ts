import { readInfraSettings, wafEnabled } from './settings';

const settings = readInfraSettings(process.env);

/**
 * A web ACL for CloudFront lives in us-east-1, whatever the app's region: the AWS provider (v7)
 * takes the region per resource, with the default provider's credentials.
 */
export const CLOUDFRONT_REGION = 'us-east-1';

/** WAF counts a rate-based rule's requests over this window, per address. */
export const RATE_WINDOW_SECONDS = 300;

/*
 * Per-address budgets, over five minutes, above what the site itself allows, so that a person or a
 * script within the site's own limits (docs/security.md "Quotas and throttles") never meets them:
 * these stop a flood at the edge, where a refused request costs no function call. WAF counts the
 * address CloudFront saw (never X-Forwarded-For), each IPv6 address by itself.
 */
export const RATE_RULES = [
  // Sign-in failures are limited to 20 per 15 minutes an address; a sign-in is a page and a few actions.
  { name: 'sign-in-per-address', pathPrefix: '/sign-in', limit: 300 },
  // Opening links is limited to 120 a minute an address; each view is the page and one or two files.
  { name: 'share-per-address', pathPrefix: '/s/', limit: 2_000 },
  // Each API token has 1,200 requests a minute (6,000 per window); one address rarely runs two at full speed.
  { name: 'api-per-address', pathPrefix: '/api/', limit: 10_000 },
] as const;

/** AWS's managed baseline (bad inputs, known exploits' signatures), whose rule group costs no more than a rule. */
export const COMMON_RULE_SET = 'AWSManagedRulesCommonRuleSet';

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/*
 * The site's web ACL, when WAF is on (infra/settings.ts; production stages by default). The origin
 * lock leaves the server function to run, and bill, for every refused request: this bounds them.
 */
export const webAcl = wafEnabled(settings, $app.stage)
  ? new aws.wafv2.WebAcl('WebAcl', {
      region: CLOUDFRONT_REGION,
      scope: 'CLOUDFRONT',
      description: `${$app.name} ${$app.stage}: AWS's common rules and per-address rate limits`,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${$app.name}-${$app.stage}-web`),
      rules: [
        {
          name: 'aws-common',
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: COMMON_RULE_SET,
              // Its 8 KB body limit would block a photo searched with (People, POST /people/search and the API's), so that one rule only counts.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility('aws-common'),
        },
        ...RATE_RULES.map((rule, index) => ({
          name: rule.name,
          priority: index + 1,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              limit: rule.limit,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  searchString: rule.pathPrefix,
                  positionalConstraint: 'STARTS_WITH',
                  fieldToMatch: { uriPath: {} },
                  // Decoded and lowercased first, so /%73/… or /S/… cannot slip past the count.
                  textTransformations: [
                    { priority: 0, type: 'URL_DECODE' },
                    { priority: 1, type: 'LOWERCASE' },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility(rule.name),
        })),
      ],
    })
  : undefined;

/*
 * Every CloudFront distribution of the app is guarded by it: today the site's, which SST's Nextjs
 * builds as a Cdn component. Registered before infra/web.ts creates the site, since $transform only
 * reaches components created after it (sst.config.ts imports this file first).
 */
if (webAcl) {
  $transform(sst.aws.Cdn, (args) => {
    args.webAclArn = webAcl.arn;
  });
}
