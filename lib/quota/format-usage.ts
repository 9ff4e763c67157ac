import type { StorageAmount } from '../db';
import { formatBytes } from '../images/format-bytes';

/** 1000 → "1,000". */
function count(photos: number): string {
  return photos.toLocaleString('en-US');
}

/** What is used of the quota, in words: { space: "1.2 GB of 5.0 GB", photos: "431 of 1,000" }; Settings shows it and a refusal quotes it. */
export function formatUsage(used: StorageAmount, quota: StorageAmount): { space: string; photos: string } {
  return { space: `${formatBytes(used.bytes)} of ${formatBytes(quota.bytes)}`, photos: `${count(used.photos)} of ${count(quota.photos)}` };
}

/** Why an upload of `wanted` does not fit, with what is used and what to do about it. */
export function quotaRefusal(used: StorageAmount, quota: StorageAmount, wanted: StorageAmount): string {
  const usage = formatUsage(used, quota);
  const why =
    used.photos + wanted.photos > quota.photos
      ? `Your account already keeps ${usage.photos} photos`
      : `This ${formatBytes(wanted.bytes)} photo does not fit: ${usage.space} of storage are used`;
  return `${why}. Delete photos you no longer need to make room, then upload again.`;
}
