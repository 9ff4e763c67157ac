import { nanoid } from 'nanoid';
import { exportAccount } from '../../lib/account/export-account';
import { exportAccountJob } from '../../lib/account/export-job';
import { insertExport } from '../../lib/db';
import { expectJob, runJob } from '../../lib/jobs';
import { exportRequestKey, headObject, writeObject } from '../../lib/storage';
import { UNROUTED_BUCKET } from './unrouted-bucket';
import { peakResidentBytes } from '../support/peak-resident';

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

process.stdout.write(`${JSON.stringify({ outcome, exportId, ms, maxRssBytes: peakResidentBytes() })}\n`);
process.exit(0);
