import type { BucketLink } from '../lib/jobs/wiring';
import { ORIGINALS_PREFIX } from '../lib/storage/keys';
import { MEDIA_EXPIRY_RULES } from '../lib/storage/lifecycle';
import { encryptBucket } from './encryption';
import { readInfraSettings } from './settings';

export const ABORT_MULTIPART_RULE_ID = 'abort-incomplete-multipart-uploads';
export const EXPIRE_ORIGINALS_RULE_ID = 'expire-originals';
/** An upload URL lives ten minutes, so a multipart upload still open after a day was abandoned; its parts are billed until aborted. */
export const ABORT_INCOMPLETE_MULTIPART_AFTER_DAYS = 1;

const settings = readInfraSettings(process.env);

/*
 * Originals, written by browsers through presigned PUT URLs. Private; CORS is added in web.ts, once
 * the site's origin is known. SST's lifecycle options cannot abort multipart uploads, so the
 * transform adds that to its rule.
 */
export const uploads = new sst.aws.Bucket('Uploads', {
  cors: false,
  lifecycle: [
    { id: ABORT_MULTIPART_RULE_ID },
    ...(settings.uploadExpiryDays === null
      ? []
      : [{ id: EXPIRE_ORIGINALS_RULE_ID, prefix: ORIGINALS_PREFIX, expiresIn: `${settings.uploadExpiryDays} days` as const }]),
  ],
  transform: { lifecycle: abortAbandonedMultipartUploads },
});

/** Aborts multipart uploads left open for a day, in whichever bucket's rule it is. */
function abortAbandonedMultipartUploads(args: aws.s3.BucketLifecycleConfigurationArgs): undefined {
  args.rules = $output(args.rules).apply((rules) =>
    (rules ?? []).map((rule) =>
      rule.id === ABORT_MULTIPART_RULE_ID ? { ...rule, filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_MULTIPART_AFTER_DAYS } } : rule,
    ),
  );
  return undefined;
}

/*
 * Derived images, face thumbnails and export archives. Private: the site hands out short-lived
 * presigned GET URLs, so no CORS and no public policy. Archives are streamed as multipart uploads,
 * and expire with their requests (lib/storage/lifecycle.ts).
 */
export const media = new sst.aws.Bucket('Media', {
  cors: false,
  lifecycle: [{ id: ABORT_MULTIPART_RULE_ID }, ...MEDIA_EXPIRY_RULES.map(({ id, prefix, days }) => ({ id, prefix, expiresIn: `${days} days` as const }))],
  transform: { lifecycle: abortAbandonedMultipartUploads },
});

encryptBucket('Uploads', uploads.name);
encryptBucket('Media', media.name);

/** The buckets by the names they are linked under, as the job-wiring table names a trigger's bucket. */
export const buckets = { Uploads: uploads, Media: media } satisfies Record<BucketLink, sst.aws.Bucket>;
