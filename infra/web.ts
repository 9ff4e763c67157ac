import { READ_WRITE, bucketLink, tableLink } from './access';
import { table } from './database';
import { clerkPublishableKey, clerkSecretKey } from './secrets';
import { readInfraSettings } from './settings';
import { media, uploads } from './storage';

const settings = readInfraSettings(process.env);

/** Where `sst dev` runs the site; it is also the only origin the uploads bucket accepts in dev. */
export const DEV_SITE_URL = 'http://localhost:3000';

/*
 * The site presigns uploads, shows and deletes images, and reads and writes the table. It signs URLs
 * for both buckets, so it needs the actions those URLs perform (a presigned URL carries the signer's rights).
 */
export const site = new sst.aws.Nextjs('Web', {
  link: [bucketLink(uploads, READ_WRITE), bucketLink(media, READ_WRITE), tableLink(table), clerkSecretKey, clerkPublishableKey],
  environment: {
    CLERK_SECRET_KEY: clerkSecretKey.value,
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: clerkPublishableKey.value,
  },
  domain: settings.domain,
  // `npm run dev` starts the offline local cloud; under `sst dev` the site talks to the deployed stage instead.
  dev: { command: 'npx next dev', url: DEV_SITE_URL },
});

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
