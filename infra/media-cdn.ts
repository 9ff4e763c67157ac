import { mediaPublicKeyOf } from '../lib/media-access/signing-key';
import { MEDIA_PATH_PATTERN, MEDIA_VIEWER_REQUEST_FUNCTION } from '../lib/storage/media-paths';
import { secrets } from './secrets';
import { media } from './storage';

/*
 * The owners' media through the site's own distribution (lib/storage/media-paths.ts): /media/* is a
 * behaviour of its own whose origin is the media bucket, reached with Origin Access Control (the
 * bucket stays private; its policy lets this distribution read the served prefixes, and nothing
 * else). The behaviour serves only requests with a CloudFront signed cookie of the key group below,
 * whose one public key is the MediaSigningKey secret's public half; the site signs each owner's
 * cookie for their own /media/<userId>/ (lib/media-access). Files keep the Cache-Control they were
 * written with (a year, immutable, for a key whose bytes never change), so the edge and the
 * browser keep them, and the cookie, checked at the edge before its cache, decides who may fetch.
 */

/** The public key CloudFront checks media cookies' signatures with; its id is the cookies' Key-Pair-Id. */
export const mediaSigningPublicKey = new aws.cloudfront.PublicKey('MediaSigningPublicKey', {
  comment: `${$app.name} ${$app.stage}: signs owners' media cookies`,
  encodedKey: secrets.MediaSigningKey.value.apply(mediaPublicKeyOf),
});

/** The only signers the media behaviour trusts. */
export const mediaKeyGroup = new aws.cloudfront.KeyGroup('MediaKeyGroup', {
  comment: `${$app.name} ${$app.stage}: owners' media cookies`,
  items: [mediaSigningPublicKey.id],
});

/** CloudFront signs every request it sends the bucket, so the bucket answers it alone. */
export const mediaOriginAccess = new aws.cloudfront.OriginAccessControl('MediaOriginAccess', {
  description: `${$app.name} ${$app.stage}: the media bucket, for /media/*`,
  originAccessControlOriginType: 's3',
  signingBehavior: 'always',
  signingProtocol: 'sigv4',
});

/**
 * Cached by path alone: no cookie, header or query string in the key, none forwarded to the bucket
 * (the signed cookie is checked before the cache, so it need not be in the key). Kept as long as the
 * object's Cache-Control says, up to a year.
 */
export const mediaCachePolicy = new aws.cloudfront.CachePolicy('MediaCachePolicy', {
  comment: `${$app.name} ${$app.stage}: owners' media, by path`,
  minTtl: 0,
  defaultTtl: 86_400,
  maxTtl: 31_536_000,
  parametersInCacheKeyAndForwardedToOrigin: {
    cookiesConfig: { cookieBehavior: 'none' },
    headersConfig: { headerBehavior: 'none' },
    queryStringsConfig: { queryStringBehavior: 'none' },
    enableAcceptEncodingBrotli: false,
    enableAcceptEncodingGzip: false,
  },
});

/** Turns /media/<userId>/<kind>/<rest> into the bucket's key; the local cloud runs the same code. */
export const mediaPathFunction = new aws.cloudfront.Function('MediaPaths', {
  runtime: 'cloudfront-js-2.0',
  comment: '/media/<userId>/<kind>/… to the media bucket key <kind>/<userId>/…',
  code: MEDIA_VIEWER_REQUEST_FUNCTION,
  publish: true,
});

/** The media origin's id in the distribution. */
export const MEDIA_ORIGIN_ID = 'media';

/** The site's distribution (SST's Cdn) with the media bucket as an origin and /media/* as its behaviour. */
export function addMediaBehaviour(args: sst.aws.CdnArgs): undefined {
  args.origins = $output(args.origins).apply((origins) => [
    ...origins,
    {
      originId: MEDIA_ORIGIN_ID,
      domainName: media.nodes.bucket.bucketRegionalDomainName,
      originAccessControlId: mediaOriginAccess.id,
      s3OriginConfig: { originAccessIdentity: '' },
    },
  ]);
  args.orderedCacheBehaviors = $output(args.orderedCacheBehaviors ?? []).apply((behaviours) => [
    {
      pathPattern: MEDIA_PATH_PATTERN,
      targetOriginId: MEDIA_ORIGIN_ID,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ['GET', 'HEAD'],
      cachedMethods: ['GET', 'HEAD'],
      // Photos are already compressed.
      compress: false,
      cachePolicyId: mediaCachePolicy.id,
      trustedKeyGroups: [mediaKeyGroup.id],
      functionAssociations: [{ eventType: 'viewer-request', functionArn: mediaPathFunction.arn }],
    },
    ...behaviours,
  ]);
  return undefined;
}
