import { bucketLink, realtimeLink, tableLink } from './access';
import { table } from './database';
import { describeFaces, faceCollections } from './functions';
import { faceEnvironment } from './function-specs';
import { distributionMonitoring, functionAlarms } from './monitoring';
import { realtime } from './realtime';
import { secrets } from './secrets';
import { OPEN_NEXT_VERSION, originSecretInjection, SITE_ENVIRONMENT_SECRETS, SITE_SERVER_ARCHITECTURE, SITE_SERVER_MEMORY_MB, SITE_SERVER_RUNTIME } from './site-build';
import { readInfraSettings } from './settings';
import { addMediaBehaviour, mediaSigningPublicKey } from './media-cdn';
import { provideSiteDistribution, type SiteDistribution } from './site-distribution';
import { media, serveMediaThrough, uploads } from './storage';
import { originSecretOf } from '../lib/security/origin-secret';
import { sharedFileEdgeInjection } from '../lib/links/edge-request';

const settings = readInfraSettings(process.env);

/** Where `sst dev` runs the site; it is also the only origin the uploads bucket accepts in dev. */
export const DEV_SITE_URL = 'http://localhost:3000';

/*
 * The site presigns uploads, shows and deletes images, and reads and writes the table. It signs URLs
 * for both buckets, so it needs the actions those URLs perform (a presigned URL carries the signer's rights).
 */
/*
 * Face searches run in the site: by one of the user's faces, against their own collection (Rekognition)
 * or their descriptors in the table; by a query photo through describe-faces (the built-in model, which
 * the site does not carry). Deleting a photo deletes its faces from the collection.
 */
const faceSearch = describeFaces
  ? { link: [describeFaces], permissions: [] }
  : {
      link: [],
      permissions: [
        { actions: ['rekognition:SearchFaces', 'rekognition:SearchFacesByImage', 'rekognition:DeleteFaces'], resources: [faceCollections] },
        // A query photo searched before the user has any collection is checked for a face; DetectFaces has no resource-level permissions.
        { actions: ['rekognition:DetectFaces'], resources: ['*'] },
      ],
    };

/*
 * The server function's URL is public (CloudFront calls it unsigned), so the distribution proves a
 * request came through it with a value only the two of them hold: its viewer-request function adds
 * it, and the site refuses any request without it (proxy.ts) and then reads the client's address from
 * CloudFront-Viewer-Address. Origin Access Control would make Lambda check a signature instead, but
 * only of requests whose body the browser itself hashed, which server actions and uploads are not
 * (docs/security.md). Derived from the sign-in secret, as the other deploy-time keys are.
 */
const originSecret = $util.secret(secrets.ClerkSecretKey.value.apply(originSecretOf));

export const site = new sst.aws.Nextjs('Web', {
  // The site issues live-updates tokens and names the endpoint to browsers; it publishes what its own actions change.
  link: [bucketLink(uploads, 'read-write'), bucketLink(media, 'read-write'), tableLink(table), realtimeLink(realtime), ...Object.values(secrets), ...faceSearch.link],
  permissions: faceSearch.permissions,
  environment: {
    ...faceEnvironment({ settings, app: { name: $app.name, stage: $app.stage } }),
    ...Object.fromEntries(Object.entries(SITE_ENVIRONMENT_SECRETS).map(([variable, secret]) => [variable, secrets[secret].value])),
    CLOUDFRONT_ORIGIN_SECRET: originSecret,
    // The id media cookies name; the private key is the linked MediaSigningKey secret.
    MEDIA_KEY_PAIR_ID: mediaSigningPublicKey.id,
    // With a custom domain the site's origin is fixed, and Clerk accepts session tokens made for it only.
    ...(settings.domain ? { SITE_URL: `https://${settings.domain}` } : {}),
  },
  domain: settings.domain,
  // The origin secret, then a shared file's format and cache key (lib/links/edge-request.ts), before SST routes the request.
  edge: { viewerRequest: { injection: originSecret.apply((secret) => `${originSecretInjection(secret)}\n${sharedFileEdgeInjection()}`) } },
  transform: {
    // The owners' media, from the media bucket under /media/*, for signed cookies only (infra/media-cdn.ts).
    cdn: addMediaBehaviour,
    // The app uses no next/image, so nothing legitimate calls the image optimiser SST deploys anyway: its URL takes signed calls only, and no one signs any.
    imageOptimizer: (args) => {
      args.url = { authorization: 'iam' };
    },
  },
  // open-next.config.ts installs sharp for this same architecture; OpenNext itself leaves it out.
  openNextVersion: OPEN_NEXT_VERSION,
  server: { architecture: SITE_SERVER_ARCHITECTURE, runtime: SITE_SERVER_RUNTIME, memory: `${SITE_SERVER_MEMORY_MB} MB` },
  // `npm run dev` starts the offline local cloud; under `sst dev` the site talks to the deployed stage instead.
  dev: { command: 'npx next dev', url: DEV_SITE_URL },
});

/** The distribution SST made for the site (none under `sst dev`), for invalidate-cdn (infra/site-distribution.ts). */
provideSiteDistribution(
  site.nodes.cdn
    ? site.nodes.cdn.nodes.distribution.apply<SiteDistribution | undefined>((distribution) => $util.all([distribution.id, distribution.arn]).apply(([id, arn]) => ({ id, arn })))
    : $util.output<SiteDistribution | undefined>(undefined),
);
// The media bucket's policy names the distribution that reads it (none under `sst dev`).
serveMediaThrough(site.nodes.cdn ? site.nodes.cdn.nodes.distribution.arn : null);

// SST creates the server function under `sst deploy` (it is absent only under `sst dev`, where Next runs locally).
if (site.nodes.server) functionAlarms('WebServer', site.nodes.server.apply((server) => server.nodes.function.name));
// The distribution's additional metrics and 5xx alarm; its web ACL, when WAF is on, comes from infra/waf.ts.
if (site.nodes.cdn) distributionMonitoring('Web', site.nodes.cdn.nodes.distribution.id);

/** Browsers PUT originals straight to S3, from the site's origin only. */
export const uploadsCors = new aws.s3.BucketCorsConfiguration('UploadsSiteCors', {
  bucket: uploads.name,
  corsRules: [
    {
      allowedMethods: ['PUT'],
      allowedOrigins: [site.url.apply((url) => url.replace(/\/$/, ''))],
      allowedHeaders: ['*'],
      exposeHeaders: ['ETag'],
      maxAgeSeconds: 3600,
    },
  ],
});
