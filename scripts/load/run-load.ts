import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { nanoid } from 'nanoid';
import { freePort } from '../../local/ports';
import { planFaults, type FaultKind, type PlannedFault } from './chaos';
import { startCloudProcess, type CloudProcess } from './cloud-process';
import type { LiveEventCounter } from './completions';

/** The photo every user uploads: the 3-MP JPEG the benchmarks use. */
const FIXTURE = { file: 'bench/flower-3mp.jpg', contentType: 'image/jpeg' };
const POLL_MS = 100;
const MIN_LEFT_AT_FAULT = 2;

export interface LoadOptions {
  users: number;
  photosPerUser: number;
  /** The faults to inflict during the run, in an order and at moments drawn from the seed; none for a plain load. */
  faults: FaultKind[];
  seed: number;
  /** How long DynamoDB stays down at a stop-dynamo fault. */
  dynamoDownMs: number;
  /** Settings for the local cloud and for this process, which plays the site (the job timings, the sweep's interval). */
  env: Record<string, string>;
  /** The whole run, faults and face indexing included, must settle within this. */
  timeoutMs: number;
  /** Told each step as it happens, for a person watching. */
  progress?: (line: string) => void;
}

/** What one fault did, and how long the run took to get over it. */
export interface FaultReport {
  kind: FaultKind;
  /** Seconds after the first upload was asked for. */
  atSeconds: number;
  readyBefore: number;
  /** Photos a run had started on and not finished when it struck. */
  inFlight: number;
  /** From the fault to the cloud serving again: the kill and the restart, or DynamoDB's outage. */
  downMs: number;
  /** From the cloud serving again to the next photo ready. */
  resumedMs: number | null;
  /** From the cloud serving again to every photo in flight at the fault ready. */
  settledMs: number | null;
}

/** The figures of a run, under keys that stay the same from run to run (the --json output). */
export interface LoadReport {
  users: number;
  photosPerUser: number;
  photos: number;
  fixture: string;
  fixtureBytes: number;
  cores: number;
  chaos: boolean;
  seed: number | null;
  uploadsDoneSeconds: number;
  allReadySeconds: number | null;
  throughputPerSecond: number | null;
  readyLatencyP50Ms: number | null;
  readyLatencyP95Ms: number | null;
  ready: number;
  failed: number;
  /** Runs each photo's processing had, from the job ledger: { "1": 198, "2": 2 }. A killed run is redone. */
  runsPerPhoto: Record<string, number>;
  /** Completions heard, from the live 'done' events of process-image. */
  completions: number;
  /** Photos whose completion was not heard (a live message lost while reconnecting after a kill); the ledger still says done. */
  completionsUnheard: number;
  /** Photos finished more than once, by any of the signs in finishedAgain: must be 0. */
  completedTwice: number;
  /**
   * The signs, each counted in photos: 'done' heard twice; seen ready, then processing again (a run
   * redone after the photo was finished); face indexing announced 'done' twice (each finished
   * processing asks for it once).
   */
  finishedAgain: { heardTwice: number; readyAgain: number; facesAskedTwice: number };
  inconsistencies: number;
  /** Objects no ready photo accounts for (neither its original nor one of its variants), per bucket. */
  leftovers: { uploads: number; media: number };
  faults: FaultReport[];
  failures: string[];
}

interface Upload {
  userId: string;
  imageId: string;
  putAt: number;
  status: string;
  /** When it was first seen ready. */
  readyAt: number | null;
  /** Times it was seen ready and then not: its processing ran again after it had finished. */
  unreadied: number;
  jobState?: string;
  faceIndex?: string;
}

/**
 * A load through a local cloud of its own (a child process, on free ports, in a scratch folder): every
 * user uploads their photos at once through the presigned flow, as browsers do, while the chaos plan
 * kills the cloud with SIGKILL and stops DynamoDB. Then every photo must be ready, finished once, each
 * user must see exactly their own, and the buckets and the table must agree with nothing left over.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const say = options.progress ?? (() => undefined);
  // The handlers run in the cloud's process, and this one plays the site: both read the same settings.
  Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', ...options.env });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-load-'));
  const ports = { s3: await freePort(), dynamo: await freePort(), realtime: await freePort() };
  let cloud: CloudProcess | null = null;
  let live: LiveEventCounter | null = null;
  try {
    // The cloud logs its warnings and errors (to the stderr it shares with this process): what it did when a run goes wrong.
    cloud = await startCloudProcess({ dataDir, ports, env: { POWERTOOLS_LOG_LEVEL: 'WARN', ...options.env } });
    Object.assign(process.env, cloud.env);
    // After the cloud's environment is in place: lib/ reads its resources from it.
    const { countLiveEvents } = await import('./completions');
    const users = Array.from({ length: options.users }, () => `usr_load${nanoid(10)}`);
    live = await countLiveEvents(users);
    return await measure({ cloud, live, users }, options, say);
  } finally {
    await live?.close();
    await cloud?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measure(
  { cloud, live, users }: { cloud: CloudProcess; live: LiveEventCounter; users: string[] },
  options: LoadOptions,
  say: (line: string) => void,
): Promise<LoadReport> {
  const { findImage, findJob } = await import('../../lib/db');
  const { createUpload, listImages } = await import('../../lib/images');
  const { findInconsistencies } = await import('../../lib/consistency');
  const { faceIndexInputKey, faceIndexObjectKey, faceThumbnailPrefix, listKeys, mediaPrefix } = await import('../../lib/storage');
  const { resources } = await import('../../lib/aws/resources');

  const failures: string[] = [];
  const body = await readFile(path.resolve(import.meta.dirname, '../../fixtures', FIXTURE.file));
  const started = performance.now();
  const since = (at: number) => Math.round(at - started);

  // Everyone at once: each upload asks for its URL and PUTs the bytes, as a browser does.
  const uploads: Upload[] = await Promise.all(
    users.flatMap((userId) =>
      Array.from({ length: options.photosPerUser }, async (_, i) => {
        const upload = await createUpload(userId, { fileName: `photo-${i}.jpg`, contentType: FIXTURE.contentType, bytes: body.length });
        const response = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(body), headers: upload.headers });
        if (!response.ok) failures.push(`${userId}/${upload.imageId}: PUT answered ${response.status}`);
        return { userId, imageId: upload.imageId, putAt: performance.now(), status: 'uploading', readyAt: null, unreadied: 0 };
      }),
    ),
  );
  const uploadedAt = performance.now();
  say(`${uploads.length} uploads done after ${((uploadedAt - started) / 1000).toFixed(1)} s`);

  const deadline = started + options.timeoutMs;
  const settled = (upload: Upload) => upload.status === 'ready' || upload.status === 'failed';
  const readyCount = () => uploads.filter((upload) => upload.status === 'ready').length;
  const FINAL = new Set(['done', 'failed', 'dead']);
  // Quiet: every photo settled, its processing's job and its face indexing finished, so nothing more will write.
  const quiet = (upload: Upload) => settled(upload) && FINAL.has(upload.jobState ?? '') && FINAL.has(upload.faceIndex ?? '');
  let pollErrors = 0;

  // Every photo is read until all are quiet, a settled one every tenth round: one seen ready and later not is one processing finished again.
  const poll = async () => {
    for (let round = 0; !uploads.every(quiet) && performance.now() < deadline; round++) {
      await Promise.all(
        uploads.filter((upload) => !settled(upload) || round % 10 === 0).map(async (upload) => {
          // While the cloud is down the read fails; the next round reads again.
          const image = await findImage(upload.userId, upload.imageId).catch(() => (pollErrors++, undefined));
          if (!image) return;
          if (upload.readyAt !== null && image.status !== 'ready' && upload.status === 'ready') upload.unreadied++;
          if (image.status === 'failed' && upload.status !== 'failed') failures.push(`${upload.userId}/${upload.imageId} failed: ${image.failureReason}`);
          upload.status = image.status;
          upload.faceIndex = image.faceIndex?.status;
          if (image.status === 'ready') upload.readyAt ??= performance.now();
          if (settled(upload) && !FINAL.has(upload.jobState ?? '')) {
            upload.jobState = (await findJob({ userId: upload.userId, kind: 'process-image', subjectId: upload.imageId }).catch(() => null))?.state;
          }
        }),
      );
      await sleep(POLL_MS);
    }
  };

  const struck: { report: FaultReport; endedAt: number; inFlightIds: Set<string> }[] = [];
  const inflict = async (plan: PlannedFault[]) => {
    for (const fault of plan) {
      // Photos still to process when it strikes, however small the run: a fault after the last one would prove nothing.
      const threshold = Math.min(Math.ceil(fault.atShareReady * uploads.length), uploads.length - MIN_LEFT_AT_FAULT);
      while (readyCount() < threshold && !uploads.every(settled) && performance.now() < deadline) await sleep(POLL_MS / 2);
      if (uploads.every(settled) || performance.now() >= deadline) return;
      await sleep(fault.delayMs);
      const at = performance.now();
      const inFlightIds = new Set(uploads.filter((upload) => upload.status === 'processing').map((upload) => upload.imageId));
      const readyBefore = readyCount();
      if (fault.kind === 'kill-cloud') {
        await cloud.kill();
        await cloud.start();
      } else {
        await cloud.dynamo('stop');
        await sleep(options.dynamoDownMs);
        await cloud.dynamo('start');
      }
      const endedAt = performance.now();
      say(`${fault.kind} at ${((at - started) / 1000).toFixed(1)} s (${readyBefore} ready, ${inFlightIds.size} in flight), serving again ${Math.round(endedAt - at)} ms later`);
      struck.push({
        report: { kind: fault.kind, atSeconds: round1((at - started) / 1000), readyBefore, inFlight: inFlightIds.size, downMs: Math.round(endedAt - at), resumedMs: null, settledMs: null },
        endedAt,
        inFlightIds,
      });
    }
  };

  const plan = planFaults(options.faults, options.seed);
  await Promise.all([poll(), inflict(plan)]);
  const finishedAt = uploads.every((upload) => upload.readyAt !== null) ? Math.max(...uploads.map((upload) => upload.readyAt!)) : null;
  if (!uploads.every(settled)) failures.push(`${uploads.filter((upload) => !settled(upload)).length} photos were not ready after ${options.timeoutMs / 1000} s`);
  else if (!uploads.every(quiet)) failures.push(`${uploads.filter((upload) => !quiet(upload)).length} photos still had processing or face indexing under way after ${options.timeoutMs / 1000} s`);
  if (struck.length < plan.length) failures.push(`only ${struck.length} of ${plan.length} faults struck before every photo was ready`);
  say(`all ${uploads.length} ready after ${finishedAt === null ? '—' : ((finishedAt - started) / 1000).toFixed(1)} s, quiet after ${((performance.now() - started) / 1000).toFixed(1)} s (${pollErrors} reads failed during faults)`);
  // The last live messages are on their way.
  await sleep(500);

  for (const { report, endedAt, inFlightIds } of struck) {
    const after = uploads.map((upload) => upload.readyAt).filter((at): at is number => at !== null && at >= endedAt);
    report.resumedMs = after.length > 0 ? Math.round(Math.min(...after) - endedAt) : null;
    const inFlight = uploads.filter((upload) => inFlightIds.has(upload.imageId));
    report.settledMs = inFlight.every((upload) => upload.readyAt !== null) ? Math.round(Math.max(endedAt, ...inFlight.map((upload) => upload.readyAt!)) - endedAt) : null;
  }

  for (const userId of users) {
    const own = uploads.filter((upload) => upload.userId === userId).map((upload) => upload.imageId).sort();
    const seen = (await listImages(userId, { limit: 100 })).items.map((image) => image.imageId).sort();
    if (JSON.stringify(seen) !== JSON.stringify(own)) failures.push(`${userId} sees ${seen.length} photos, not exactly their own ${own.length}`);
  }

  const runsPerPhoto: Record<string, number> = {};
  const finishedAgain = { heardTwice: 0, readyAgain: 0, facesAskedTwice: 0 };
  let completions = 0;
  let completionsUnheard = 0;
  let completedTwice = 0;
  // Each user's face index is one object of theirs beside their photos' (the consistency check below ties it to their face library).
  const accounted = { uploads: new Set<string>(), media: new Set(users.map(faceIndexObjectKey)), mediaPrefixes: [] as string[] };
  for (const upload of uploads) {
    const { userId, imageId, unreadied } = upload;
    const job = await findJob({ userId, kind: 'process-image', subjectId: imageId });
    const runs = String(job?.attempts ?? 0);
    runsPerPhoto[runs] = (runsPerPhoto[runs] ?? 0) + 1;
    if (job?.state !== 'done') failures.push(`${imageId}: its job is ${job?.state ?? 'gone'} after ${job?.attempts ?? 0} runs, not done${describeStuckJob(job)}`);
    // Without faults nothing is redone; with them a killed run may be, and is still finished only once.
    if (options.faults.length === 0 && job?.attempts !== 1) failures.push(`${imageId} was processed ${job?.attempts ?? 0} times`);
    if (!quiet(upload)) {
      const faces = await findJob({ userId, kind: 'index-faces', subjectId: imageId });
      failures.push(`${imageId}: its face indexing is ${upload.faceIndex ?? 'not asked for'}, its job ${faces?.state ?? 'gone'} after ${faces?.attempts ?? 0} runs${describeStuckJob(faces)}`);
    }

    // Finished twice, as seen from outside the runner: its 'done' heard twice; ready, then processing
    // again; or its face indexing (asked for once by each finished processing) announced twice.
    const heard = live.count('process-image', imageId, 'done');
    const facesDone = live.count('index-faces', imageId, 'done');
    completions += heard;
    if (heard === 0) completionsUnheard++;
    if (heard > 1) finishedAgain.heardTwice++;
    if (unreadied > 0) finishedAgain.readyAgain++;
    if (facesDone > 1) finishedAgain.facesAskedTwice++;
    if (heard > 1 || unreadied > 0 || facesDone > 1) {
      completedTwice++;
      failures.push(`${imageId} was finished more than once: 'done' heard ${heard} times, seen ready then processing again ${unreadied} times, faces found ${facesDone} times`);
    }

    const image = await findImage(userId, imageId);
    if (image?.status !== 'ready') continue;
    const variants = image.variants!.map((variant) => variant.key).sort();
    const written = (await listKeys(resources.mediaBucket, mediaPrefix(userId, imageId))).sort();
    if (JSON.stringify(written) !== JSON.stringify(variants)) failures.push(`${imageId} has objects its record does not list`);
    // A ready photo keeps its original, its variants, the input its faces were found in, and their thumbnails.
    accounted.uploads.add(image.originalKey);
    for (const key of variants) accounted.media.add(key);
    if (image.faceIndex) accounted.media.add(faceIndexInputKey(userId, imageId));
    accounted.mediaPrefixes.push(faceThumbnailPrefix(userId, imageId));
  }
  const leftovers = {
    uploads: (await listKeys(resources.uploadsBucket, '')).filter((key) => !accounted.uploads.has(key)),
    media: (await listKeys(resources.mediaBucket, '')).filter((key) => !accounted.media.has(key) && !accounted.mediaPrefixes.some((prefix) => key.startsWith(prefix))),
  };
  for (const key of [...leftovers.uploads, ...leftovers.media]) failures.push(`left over: ${key}`);
  const inconsistencies = await findInconsistencies();
  for (const item of inconsistencies) failures.push(`${item.problem}: ${item.bucket}/${item.key} (${item.detail})`);

  const latencies = uploads.filter((upload) => upload.readyAt !== null).map((upload) => upload.readyAt! - upload.putAt).sort((a, b) => a - b);
  const percentile = (p: number) => (latencies.length === 0 ? null : Math.round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!));
  const seconds = finishedAt === null ? null : (finishedAt - started) / 1000;
  return {
    users: options.users,
    photosPerUser: options.photosPerUser,
    photos: uploads.length,
    fixture: FIXTURE.file,
    fixtureBytes: body.length,
    cores: os.cpus().length,
    chaos: options.faults.length > 0,
    seed: options.faults.length > 0 ? options.seed : null,
    uploadsDoneSeconds: round1(since(uploadedAt) / 1000),
    allReadySeconds: seconds === null ? null : round1(seconds),
    throughputPerSecond: seconds === null ? null : Math.round((uploads.length / seconds) * 100) / 100,
    readyLatencyP50Ms: percentile(50),
    readyLatencyP95Ms: percentile(95),
    ready: readyCount(),
    failed: uploads.filter((upload) => upload.status === 'failed').length,
    runsPerPhoto,
    completions,
    completionsUnheard,
    completedTwice,
    finishedAgain,
    inconsistencies: inconsistencies.length,
    leftovers: { uploads: leftovers.uploads.length, media: leftovers.media.length },
    faults: struck.map((fault) => fault.report),
    failures,
  };
}

/** What the ledger says of a job that did not finish: where its lease and the sweep's next look stand, and its last error. */
function describeStuckJob(job: { leaseUntil?: number; dueAt?: number; sweeps?: number; lastError?: string } | undefined | null): string {
  if (!job) return '';
  const from = (at: number | undefined) => (at === undefined ? 'unset' : `${((at - Date.now()) / 1000).toFixed(1)} s from now`);
  return ` (lease until ${from(job.leaseUntil)}, due ${from(job.dueAt)}, swept ${job.sweeps ?? 0} times${job.lastError ? `, last error: ${job.lastError}` : ''})`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
