import { allPages } from '../all-pages';
import {
  countImagesOlderThan,
  findImage,
  findWatermarkRerender,
  finishWatermarkRerender,
  listImagesOlderThan,
  restartRerenderPass,
  saveRerenderProgress,
  type ImageItem,
  type RerenderPassRef,
  type WatermarkRerenderItem,
} from '../db';
import { expectJob } from '../jobs/expect-job';
import type { JobKind, JobRun, WorkResult } from '../jobs/job-kind';
import { publishJobState } from '../jobs/publish-job-state';
import { wiringOf } from '../jobs/wiring';
import { log } from '../observability/log';
import { watermarkRequestKey, writeObject } from '../storage';
import { rerenderPublicCopies } from './rerender-public-copies';
import { rerenderWatermarksJob } from './rerender-watermarks-job';
import { WatermarkRequestSchema, type WatermarkRequest } from './schemas';
import { WatermarkSettingsSchema, type WatermarkSettings } from './transform/schemas';
import { readWatermarkSettings } from './watermark-settings';

/** Photos read a page at a time: only the records are held, one photo's pixels at a time. */
const PAGE_SIZE = 50;
/** Progress is written (and the owner's pages told) this often: live enough for the settings page, cheap for the table. */
const PROGRESS_EVERY_MS = 3000;
/** A run hands over this long before its function's timeout: more than one photo can take (a few sharp steps of at most 12 s each). */
export const HANDOVER_MARGIN_MS = 60_000;
/** Photos still being processed at the end of a pass are waited for this long at most, looked at again every second. */
const PENDING_WAIT_MS = 30_000;
const PENDING_POLL_MS = 1000;
/** A burst of uploads in flight is remembered up to this many; past it, processing is left to apply the settings it read. */
const MAX_PENDING = 100;

export interface RerenderWatermarksOptions {
  /** When the run stops and hands over to a follow-up run (epoch ms); by default a minute before its function's timeout. It always does one photo first. */
  deadline?: number;
  /** The kind whose trigger hands over to the next run: this job's own, unless a test delivers the runs itself. */
  kind?: JobKind;
}

/** Where one pass stands: which request and settings it is for, and how far through the photos it has come. */
interface Pass extends RerenderPassRef {
  watermark: WatermarkSettings;
  photosDone: number;
  doneThrough?: number;
  boundaryIds: string[];
  pending: string[];
}

type Walk = 'end' | 'deadline' | 'settings-changed' | 'lost';

/**
 * The rerender-watermarks job's work: makes the public copies of every photo the owner uploaded
 * before their watermark settings were saved follow those settings (rerender-public-copies.ts),
 * newest first. Whatever its library's size, a run stops a minute before its timeout, records how far
 * it came and writes its request again, whose arrival continues from there; a retry does the same
 * (writing a photo's copies twice writes the same files). The latest settings win: saved again while
 * it runs, the pass starts over with them. A photo deleted meanwhile is passed over; its files go
 * with it.
 */
export async function rerenderWatermarks(run: JobRun, options: RerenderWatermarksOptions = {}): Promise<WorkResult> {
  const request = WatermarkRequestSchema.parse(JSON.parse(run.body.toString('utf8')));
  const { kind = rerenderWatermarksJob } = options;
  const deadline = options.deadline ?? run.now + wiringOf(rerenderWatermarksJob.name).timeoutSeconds * 1000 - HANDOVER_MARGIN_MS;
  const record = await findWatermarkRerender(run.subject.userId);
  if (!record) return { status: 'gone' };
  // A request that another has replaced: the record is the one that counts, and its own request runs it.
  if (record.requestedAt !== request.requestedAt) return { status: 'done' };

  let pass: Pass | null = passOf(record);
  // The first run counts the photos (which the request left to it, to answer the owner at once).
  if (request.part === 0 && pass.doneThrough === undefined) pass = await restartPass(pass, await readWatermarkSettings(pass.userId));
  const report = () => publishJobState(kind, run.subject, 'running');

  while (pass) {
    const latest = await readWatermarkSettings(pass.userId);
    if (isNewer(latest.savedAt, pass)) {
      pass = await restartPass(pass, latest);
      continue;
    }
    const walked = await walkPhotos(pass, deadline, report);
    if (walked === 'lost') {
      pass = await currentPass(pass);
      continue;
    }
    if (walked === 'settings-changed') continue;
    if (walked === 'deadline') return handOver(kind, run, request, pass);
    await settlePending(pass, Math.min(deadline, Date.now() + PENDING_WAIT_MS));
    if (isNewer((await readWatermarkSettings(pass.userId)).savedAt, pass)) continue;
    if (await finishWatermarkRerender(pass, Date.now())) return { status: 'done' };
    pass = await currentPass(pass);
  }
  // Its request was replaced by a newer one, which its own runs answer; or the account is gone.
  return (await findWatermarkRerender(run.subject.userId)) ? { status: 'done' } : { status: 'gone' };
}

/**
 * Where the request stands after one of this run's writes found the record moved on: another run of
 * the same request (a delivery that took over a stalled run) went further, and this one carries on
 * from there, writing what that one writes. When that run started the pass over for newer settings,
 * what this one wrote may be older than what it wrote, so this one goes through the photos again from
 * the newest. Null when the request was replaced, or the record is gone.
 */
async function currentPass(pass: Pass): Promise<Pass | null> {
  const record = await findWatermarkRerender(pass.userId);
  if (!record || record.requestedAt !== pass.requestedAt) return null;
  const current = passOf(record);
  return current.settingsSavedAt === pass.settingsSavedAt ? current : { ...current, photosDone: 0, doneThrough: undefined, boundaryIds: [], pending: [] };
}

/** Goes through the pass's photos from where it stands, newest first, recording progress as it goes. */
async function walkPhotos(pass: Pass, deadline: number, report: () => Promise<void>): Promise<Walk> {
  const bound = pass.doneThrough === undefined ? { createdAt: pass.settingsSavedAt, inclusive: false } : { createdAt: pass.doneThrough, inclusive: true };
  let reportedAt = Date.now();
  for await (const page of allPages((cursor) => listImagesOlderThan(pass.userId, bound, { cursor, limit: PAGE_SIZE }))) {
    for (const image of page) {
      if (image.createdAt === pass.doneThrough && pass.boundaryIds.includes(image.imageId)) continue;
      const outcome = await rerenderPublicCopies(image, pass.watermark);
      if (outcome === 'in-flight' && pass.pending.length < MAX_PENDING) pass.pending.push(image.imageId);
      advance(pass, image);
      // Checked after a photo, so that every run makes progress.
      if (Date.now() >= deadline) return (await saveProgress(pass)) ? 'deadline' : 'lost';
      if (Date.now() - reportedAt < PROGRESS_EVERY_MS) continue;
      if (!(await saveProgress(pass))) return 'lost';
      await report();
      reportedAt = Date.now();
      if (isNewer((await readWatermarkSettings(pass.userId)).savedAt, pass)) return 'settings-changed';
    }
  }
  return (await saveProgress(pass)) ? 'end' : 'lost';
}

/** Photos that were being processed when the pass reached them: each once it is ready, for as long as the pass waits. */
async function settlePending(pass: Pass, waitUntil: number): Promise<void> {
  let pending = pass.pending;
  while (pending.length > 0) {
    const still: string[] = [];
    for (const imageId of pending) {
      const image = await findImage(pass.userId, imageId);
      if (image && (await rerenderPublicCopies(image, pass.watermark)) === 'in-flight') still.push(imageId);
    }
    pending = still;
    if (pending.length === 0 || Date.now() + PENDING_POLL_MS >= waitUntil) break;
    await new Promise((resolve) => setTimeout(resolve, PENDING_POLL_MS));
  }
  if (pending.length > 0) log.warn('Photos still processing at the end of a watermark pass keep the settings their processing read', { count: pending.length });
  pass.pending = [];
}

/** Starts the pass over with the settings saved since; null when the request is no longer current. */
async function restartPass(pass: Pass, latest: { watermark: WatermarkSettings; savedAt: number | null }): Promise<Pass | null> {
  const settingsSavedAt = latest.savedAt ?? pass.settingsSavedAt;
  const photosTotal = await countImagesOlderThan(pass.userId, settingsSavedAt);
  if (!(await restartRerenderPass(pass, { watermark: latest.watermark, settingsSavedAt, photosTotal }))) return null;
  log.info('Watermark pass started', { photosTotal });
  return { ...pass, watermark: latest.watermark, settingsSavedAt, photosDone: 0, doneThrough: undefined, boundaryIds: [], pending: [] };
}

/** Records the pass's position and writes the request's next part, whose arrival continues the work in a new run. */
async function handOver(kind: JobKind, run: JobRun, request: WatermarkRequest, pass: Pass): Promise<WorkResult> {
  const key = watermarkRequestKey(pass.userId);
  const next: WatermarkRequest = { requestedAt: request.requestedAt, part: request.part + 1 };
  // Expected before it is written, as every trigger is: the sweep answers for it if its event is lost.
  await expectJob(kind, run.subject, key);
  await writeObject(kind.bucket(), key, Buffer.from(JSON.stringify(next)), 'application/json');
  log.info('Watermark pass handed over to its next run', { part: next.part, photosDone: pass.photosDone });
  // The job is queued for the next part now, so the runner records this run as taken over.
  return { status: 'done' };
}

function advance(pass: Pass, image: ImageItem): void {
  if (image.createdAt === pass.doneThrough) pass.boundaryIds.push(image.imageId);
  else {
    pass.doneThrough = image.createdAt;
    pass.boundaryIds = [image.imageId];
  }
  pass.photosDone += 1;
}

function saveProgress(pass: Pass): Promise<boolean> {
  const position = pass.doneThrough === undefined ? {} : { doneThrough: pass.doneThrough, boundaryIds: pass.boundaryIds };
  return saveRerenderProgress(pass, { photosDone: pass.photosDone, pending: pass.pending, ...position });
}

/** Whether the settings were saved again since the pass started: the latest settings win. */
function isNewer(savedAt: number | null, pass: Pass): boolean {
  return savedAt !== null && savedAt !== pass.settingsSavedAt;
}

function passOf(record: WatermarkRerenderItem): Pass {
  return {
    userId: record.userId,
    requestedAt: record.requestedAt,
    settingsSavedAt: record.settingsSavedAt,
    watermark: WatermarkSettingsSchema.parse(record.watermark),
    photosDone: record.photosDone,
    doneThrough: record.doneThrough,
    boundaryIds: record.boundaryIds ?? [],
    pending: record.pending ?? [],
  };
}
