import { nanoid } from 'nanoid';
import { z } from 'zod';
import { resources } from '../aws/resources';
import { insertExport, listExports } from '../db';
import { expectJob } from '../jobs/expect-job';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { exportRequestKey, writeObject } from '../storage';
import { exportAccountJob } from './export-job';
import { EXPORT_REQUEST_LIMIT } from './limits';

/** What an export's trigger object says. The export reads everything else from the table when it runs. */
export const ExportRequestSchema = z.object({ requestedAt: z.number().int().positive() });

/** Ids go into object keys, which the job's key pattern holds to these characters. */
const userIdInput = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Not a user id.');

/**
 * Starts an export of everything the user has. While one is queued or running, asking again answers
 * that one: a second archive of the same library would only cost a second read of every original.
 * Otherwise the export is recorded, its job expected, and its request written, whose arrival runs it.
 */
export async function requestExport(userId: string, now = Date.now()): Promise<{ exportId: string }> {
  const owner = userIdInput.parse(userId);
  const active = (await listExports(owner)).find((item) => item.status === 'queued' || item.status === 'running');
  if (active) return { exportId: active.exportId };

  await enforceRateLimit(EXPORT_REQUEST_LIMIT, owner, (minutes) => `You have asked for a lot of exports in the last hour. Try again in ${inMinutes(minutes)}.`, now);
  const exportId = nanoid(16);
  const key = exportRequestKey(owner, exportId);
  await insertExport({ userId: owner, exportId, status: 'queued', createdAt: now });
  await expectJob(exportAccountJob, { userId: owner, subjectId: exportId }, key, now);
  const request = ExportRequestSchema.parse({ requestedAt: now });
  await writeObject(resources.mediaBucket, key, Buffer.from(JSON.stringify(request)), 'application/json');
  return { exportId };
}
