import { deleteAccountJob } from '../account/delete-account-job';
import { exportAccountJob } from '../account/export-job';
import { analyzeProfileJob } from '../faces/analyze-profile-job';
import { indexFacesJob } from '../faces/index-faces-job';
import { processImageJob } from '../images/process-image-job';
import type { JobKind } from './job-kind';

/**
 * Every kind of background job. A new kind is its work function, its JobKind, and one entry here
 * (plus its function and queue in infra/ and its route in local/). Work functions are not listed:
 * each is loaded only by its own function.
 */
export const JOB_KINDS = {
  'process-image': processImageJob,
  'analyze-profile': analyzeProfileJob,
  'index-faces': indexFacesJob,
  'delete-account': deleteAccountJob,
  'export-account': exportAccountJob,
} satisfies Record<string, JobKind>;

export type JobName = keyof typeof JOB_KINDS;

/** The kind a stored job or dead letter names; null for a name no kind has, such as a kind removed since it was stored. */
export function jobKind(name: string): JobKind | null {
  return Object.hasOwn(JOB_KINDS, name) ? JOB_KINDS[name as JobName] : null;
}

/** The kind whose trigger an object is, from its bucket and key. */
export function jobKindOf(object: { bucket: string; key: string }): JobKind | null {
  return Object.values(JOB_KINDS).find((kind) => kind.bucket() === object.bucket && kind.parseKey(object.key) !== null) ?? null;
}

/** The kinds whose subject is an image, whose jobs go when the image does. */
export const IMAGE_JOB_KINDS: readonly JobKind[] = [processImageJob, analyzeProfileJob, indexFacesJob];
