import { deleteAccountJob } from '../account/delete-account-job';
import { exportAccountJob } from '../account/export-job';
import { analyzeProfileJob } from '../profile-check/analyze-profile-job';
import { indexFacesJob } from '../people/index-faces-job';
import { processImageJob } from '../images/process-image-job';
import { makeLinkedInReadyJob } from '../linkedin-ready/make-linkedin-ready-job';
import { rerenderWatermarksJob } from '../images/rerender-watermarks-job';
import { deliverWebhookJob } from '../webhooks/deliver-webhook-job';
import { invalidateCdnJob } from '../cdn/invalidate-cdn-job';
import type { JobKind } from './job-kind';
import { JOB_WIRING, type JobName } from './wiring';

/**
 * What the runner knows of every kind, by the name of its row in the job-wiring table; the type asks
 * for exactly one kind per row. Work functions are not listed: each is loaded only by its own function.
 */
export const JOB_KINDS: { readonly [N in JobName]: JobKind & { name: N } } = {
  'process-image': processImageJob,
  'analyze-profile': analyzeProfileJob,
  'index-faces': indexFacesJob,
  'delete-account': deleteAccountJob,
  'export-account': exportAccountJob,
  'make-linkedin-ready': makeLinkedInReadyJob,
  'rerender-watermarks': rerenderWatermarksJob,
  'deliver-webhook': deliverWebhookJob,
  'invalidate-cdn': invalidateCdnJob,
};

/** The kind a stored job or dead letter names; null for a name no kind has, such as a kind removed since it was stored. */
export function jobKind(name: string): JobKind | null {
  return Object.hasOwn(JOB_KINDS, name) ? JOB_KINDS[name as JobName] : null;
}

/** The kind whose trigger an object is, from its bucket and key. */
export function jobKindOf(object: { bucket: string; key: string }): JobKind | null {
  return Object.values(JOB_KINDS).find((kind) => kind.bucket() === object.bucket && kind.parseKey(object.key) !== null) ?? null;
}

/** The kinds whose subject is an image, whose jobs go when the image does. */
export const IMAGE_JOB_KINDS: readonly JobKind[] = JOB_WIRING.filter((row) => row.subject === 'image').map((row) => JOB_KINDS[row.name]);
