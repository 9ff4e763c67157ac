import { readFile } from 'node:fs/promises';
import { nanoid } from 'nanoid';
import { exportAccount } from '../../lib/account/export-account';
import { exportAccountJob } from '../../lib/account/export-job';
import { insertExport } from '../../lib/db';
import { expectJob, runJob } from '../../lib/jobs';
import { exportRequestKey, headObject, writeObject } from '../../lib/storage';
import { UNROUTED_BUCKET } from './unrouted-bucket';

/*
 * One export run in a process of its own, so that its peak memory is the export's and nobody else's
 * (the test runner's process also runs the local cloud and every other suite's handlers). The request
 * goes to the bucket the bridge does not watch, and this process runs the job itself, through the
 * same runner as the export-account function. Prints one line of JSON: the outcome and the figures.
 *
 * Usage: node --import tsx tests/integration/export-memory-child.ts <userId>
 */

const userId = process.argv[2];
if (!userId) throw new Error('Usage: export-memory-child.ts <userId>');

const now = Date.now();
const exportId = nanoid(16);
const key = exportRequestKey(userId, exportId);
await insertExport({ userId, exportId, status: 'queued', createdAt: now });
await expectJob(exportAccountJob, { userId, subjectId: exportId }, key, now);
const request = Buffer.from(JSON.stringify({ requestedAt: now }));
await writeObject(UNROUTED_BUCKET, key, request, 'application/json');
const { eTag } = (await headObject(UNROUTED_BUCKET, key))!;

const started = performance.now();
const outcome = await runJob(exportAccountJob, exportAccount, { bucket: UNROUTED_BUCKET, key, eTag, size: request.length });
const ms = Math.round(performance.now() - started);

/**
 * The most this process ever held in memory, loading included: Linux's high-water mark of its own
 * memory (VmHWM, in kB). Not getrusage's maxRSS, which Linux carries over from the process this one
 * was forked from: with the test runner holding every file's modules, it read 200–290 MB before this
 * process had loaded anything.
 */
async function peakResidentBytes(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => null);
  const kilobytes = status && /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return (kilobytes ? Number(kilobytes) : process.resourceUsage().maxRSS) * 1024;
}

process.stdout.write(`${JSON.stringify({ outcome, exportId, ms, maxRssBytes: await peakResidentBytes() })}\n`);
process.exit(0);
