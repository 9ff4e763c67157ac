import { z } from 'zod';
import { findWatermarkRerender, startWatermarkRerender } from '../db';
import { expectJob } from '../jobs/expect-job';
import type { JobKind } from '../jobs/job-kind';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { watermarkRequestKey, writeObject } from '../storage';
import { UserError } from '../user-error';
import { WATERMARK_RERENDER_LIMIT } from './limits';
import { rerenderWatermarksJob } from './rerender-watermarks-job';
import { rerenderInFlight } from './rerender-watermarks-status';
import type { WatermarkRequest } from './schemas';
import { readWatermarkSettings } from './watermark-settings';

/** Ids go into object keys, which the job's key pattern holds to these characters. */
const userIdInput = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Not a user id.');

/**
 * Starts applying the owner's saved watermark settings to the photos they already have. While one is
 * queued or running, asking again changes nothing: that one follows whatever settings are saved while
 * it runs. Otherwise the re-render is recorded, its job expected, and its request written, whose
 * arrival runs it; the run counts the photos, so the owner has an answer at once. `kind` is this job's
 * own, unless a test delivers the runs itself.
 */
export async function requestWatermarkRerender(userId: string, options: { now?: number; kind?: JobKind } = {}): Promise<void> {
  const { now = Date.now(), kind = rerenderWatermarksJob } = options;
  const owner = userIdInput.parse(userId);
  if (rerenderInFlight(await findWatermarkRerender(owner))) return;
  const { watermark, savedAt } = await readWatermarkSettings(owner);
  if (savedAt === null) throw new UserError('Save your watermark settings first.');

  await enforceRateLimit(WATERMARK_RERENDER_LIMIT, owner, (minutes) => `You have asked to update your photos' watermark a lot in the last hour. Try again in ${inMinutes(minutes)}.`, now);
  // Two requests at once start one: the second finds it queued.
  if (!(await startWatermarkRerender(owner, { requestedAt: now, watermark, settingsSavedAt: savedAt, photosTotal: 0 }))) return;
  const key = watermarkRequestKey(owner);
  await expectJob(kind, { userId: owner, subjectId: owner }, key, now);
  const request: WatermarkRequest = { requestedAt: now, part: 0 };
  await writeObject(kind.bucket(), key, Buffer.from(JSON.stringify(request)), 'application/json');
}
