import { nanoid } from 'nanoid';
import { describe, expect, it } from 'vitest';
import { claimJob, findJob, listDeadLettersByOwner } from '@/lib/db';
import { expectJob, giveUpJob, handleJobMessages, jobTiming, MAX_DELIVERY_ATTEMPTS, MAX_QUEUED_MS, runJob, sweepJobs, type JobKind, type JobWork } from '@/lib/jobs';
import { ARRIVAL_GRACE_MS, MAX_ANNOUNCEMENT_INTERVAL_MS } from '@/lib/jobs/retry-policy';
import { deletePrefix, headObject, listKeys, writeObject } from '@/lib/storage';
import { objectsOf } from '@/lib/jobs/sqs-messages';
import { sqsEvent } from './sqs-event';
import { UNROUTED_BUCKET } from './unrouted-bucket';

/*
 * What the job runner decides, tested once, with a job kind of its own: the claim and its lease,
 * staleness, releases, deletions mid-run, dead letters and the sweep, through the real emulators.
 * The kind records what its owner would be shown; its triggers live in a bucket the bridge ignores,
 * so each test delivers exactly the events it means to.
 */

interface TestKind extends JobKind {
  shown: string[];
  discarded: string[];
}

function testKind(): TestKind {
  const name = `test-${nanoid(6).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
  const shown: string[] = [];
  const discarded: string[] = [];
  return {
    name,
    label: 'A test job',
    shown,
    discarded,
    bucket: () => UNROUTED_BUCKET,
    parseKey(key) {
      const match = new RegExp(`^${name}/([\\w-]+)/([\\w-]+)/trigger$`).exec(key);
      return match ? { userId: match[1]!, subjectId: match[2]! } : null;
    },
    setStatus: {
      running: async (subject) => (shown.push(`${subject.subjectId}:running`), true),
      queued: async (subject) => (shown.push(`${subject.subjectId}:queued`), true),
      failed: async (subject, failure) => (shown.push(`${subject.subjectId}:failed:${failure.code}`), true),
    },
    async discard(subject) {
      discarded.push(subject.subjectId);
      await deletePrefix(UNROUTED_BUCKET, `${name}/${subject.userId}/${subject.subjectId}/`);
    },
    arrivalWindowMs: 60_000,
    messages: { gaveUp: 'It kept failing.', neverArrived: 'It never came.' },
  };
}

/** A subject whose job is expected and whose trigger object is stored. */
async function stage(kind: JobKind, options: { now?: number; store?: boolean } = {}) {
  const subject = { userId: `usr_${nanoid(10)}`, subjectId: nanoid(12) };
  const key = `${kind.name}/${subject.userId}/${subject.subjectId}/trigger`;
  await expectJob(kind, subject, key, options.now ?? Date.now());
  const object = { bucket: UNROUTED_BUCKET, key, eTag: '', size: 0 };
  if (options.store !== false) {
    await writeObject(UNROUTED_BUCKET, key, Buffer.from(`trigger of ${subject.subjectId}`), 'text/plain');
    object.eTag = (await headObject(UNROUTED_BUCKET, key))!.eTag;
  }
  const ref = { userId: subject.userId, kind: kind.name, subjectId: subject.subjectId };
  return { subject, key, object, ref };
}

const done: JobWork = async () => ({ status: 'done' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('claims', () => {
  it('runs a job once: a delivery during the run is busy, one after it a duplicate', async () => {
    const kind = testKind();
    const { object, ref } = await stage(kind);
    let runs = 0;
    const slow: JobWork = async () => {
      runs += 1;
      await sleep(200);
      return { status: 'done' };
    };
    const outcomes = await Promise.all([runJob(kind, slow, object), sleep(50).then(() => runJob(kind, slow, object))]);
    expect(outcomes).toEqual(['done', 'busy']);
    expect(await runJob(kind, slow, object)).toBe('duplicate');
    expect(runs).toBe(1);
    expect(await findJob(ref)).toMatchObject({ state: 'done', attempts: 1, eTag: object.eTag });
  });

  it('never lets the event of an earlier write take over the run of a later one, whatever order they arrive in', async () => {
    const kind = testKind();
    const { key, object, ref } = await stage(kind);
    await writeObject(UNROUTED_BUCKET, key, Buffer.from('a later version'), 'text/plain');
    // The two writes' events as S3 sends them, each with its sequencer: the later write's is greater.
    const announced = (event: typeof object & { sequencer: string }) => objectsOf(sqsEvent(event, 1))[0]!.objects[0]!;
    const earlier = announced({ ...object, sequencer: '0055AED6DCD90281E5' });
    const later = announced({ ...object, eTag: (await headObject(UNROUTED_BUCKET, key))!.eTag, sequencer: '0055AED6DCD90281E6' });
    const ran: string[] = [];
    const slow: JobWork = async ({ object: claimed }) => {
      ran.push(claimed.eTag);
      await sleep(300);
      return { status: 'done' };
    };

    const outcomes = await Promise.all([runJob(kind, slow, later), sleep(50).then(() => runJob(kind, slow, earlier))]);
    expect(outcomes).toEqual(['done', 'stale']);
    expect(ran).toEqual([later.eTag]);
    expect(await findJob(ref)).toMatchObject({ state: 'done', eTag: later.eTag, attempts: 1 });
  });

  it('takes over from a run that died holding the lease, once the lease has run out', async () => {
    const kind = testKind();
    const { object, ref } = await stage(kind);
    const diedAt = Date.now();
    const { leaseMs } = jobTiming();
    expect(await claimJob(ref, { eTag: object.eTag, now: diedAt, leaseUntil: diedAt + leaseMs, dueAt: diedAt + 2 * leaseMs })).toBe('claimed');

    expect(await runJob(kind, done, object, { clock: () => diedAt + leaseMs - 1 })).toBe('busy');
    expect(await runJob(kind, done, object, { clock: () => diedAt + leaseMs + 1 })).toBe('done');
    expect(await findJob(ref)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('renews the lease while the work runs, so a long run is never taken over', async () => {
    const kind = testKind();
    const { object } = await stage(kind);
    const { leaseMs } = jobTiming();
    const long = runJob(kind, () => sleep(leaseMs * 1.6).then(() => ({ status: 'done' as const })), object);
    await sleep(leaseMs * 1.3);
    expect(await runJob(kind, done, object)).toBe('busy');
    expect(await long).toBe('done');
  });

  it('stops renewing the lease at its invocation\'s deadline, so a run stuck past its timeout does not hold the job for ever', async () => {
    const kind = testKind();
    const { object, ref } = await stage(kind);
    const { leaseMs } = jobTiming();
    // Stuck in an await that never settles, as a run can be in the local cloud's shared process, where Lambda would have stopped it.
    void runJob(kind, () => new Promise<never>(() => undefined), object, { deadline: Date.now() + leaseMs / 2 });
    await sleep(leaseMs * 1.5);
    expect(await runJob(kind, done, object)).toBe('done');
    expect(await findJob(ref)).toMatchObject({ state: 'done', attempts: 2 });
  });
});

describe('failures', () => {
  it('releases the claim of a run that throws, reports the message, and lets the next delivery take the job at once', async () => {
    const kind = testKind();
    const { object, ref } = await stage(kind);
    let calls = 0;
    const flaky: JobWork = async () => {
      calls += 1;
      if (calls === 1) throw new Error('socket hang up');
      return { status: 'done' };
    };
    const response = await handleJobMessages(kind, flaky, sqsEvent(object, 1));
    expect(response.batchItemFailures).toHaveLength(1);
    expect(await findJob(ref)).toMatchObject({ state: 'running', leaseUntil: 0, lastError: 'Error: socket hang up' });

    expect((await handleJobMessages(kind, flaky, sqsEvent(object, 2))).batchItemFailures).toEqual([]);
    expect(await findJob(ref)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('leaves an object that was replaced after its event to the newer version’s own event', async () => {
    const kind = testKind();
    const { object, key } = await stage(kind);
    await writeObject(UNROUTED_BUCKET, key, Buffer.from('a newer version'), 'text/plain');
    const newer = { ...object, eTag: (await headObject(UNROUTED_BUCKET, key))!.eTag };

    expect(await runJob(kind, done, object)).toBe('stale');
    expect(await runJob(kind, done, newer)).toBe('done');
  });
});

describe('deletion never orphans', () => {
  it('removes what a run wrote when its subject was deleted while it worked', async () => {
    const kind = testKind();
    const { object, ref, subject } = await stage(kind);
    const written = `${kind.name}/${subject.userId}/${subject.subjectId}/output`;
    const deletedMidway: JobWork = async () => {
      await writeObject(UNROUTED_BUCKET, written, Buffer.from('derived'), 'text/plain');
      return { status: 'gone' };
    };
    expect(await runJob(kind, deletedMidway, object)).toBe('gone');
    expect(kind.discarded).toEqual([subject.subjectId]);
    expect(await listKeys(UNROUTED_BUCKET, `${kind.name}/${subject.userId}/`)).toEqual([]);
    expect(await findJob(ref)).toBeNull();
  });

  it('removes an object nobody expects, without running anything', async () => {
    const kind = testKind();
    const subject = { userId: `usr_${nanoid(10)}`, subjectId: nanoid(12) };
    const key = `${kind.name}/${subject.userId}/${subject.subjectId}/trigger`;
    await writeObject(UNROUTED_BUCKET, key, Buffer.from('unasked'), 'text/plain');
    let ran = false;
    const outcome = await runJob(kind, async () => ((ran = true), { status: 'done' }), { bucket: UNROUTED_BUCKET, key, eTag: (await headObject(UNROUTED_BUCKET, key))!.eTag, size: 7 });
    expect(outcome).toBe('gone');
    expect(ran).toBe(false);
    expect(await headObject(UNROUTED_BUCKET, key)).toBeNull();
  });

  it('does not count a run whose job was asked for again while it worked', async () => {
    const kind = testKind();
    const { object, ref, subject, key } = await stage(kind);
    const askedAgain: JobWork = async () => {
      await expectJob(kind, subject, key);
      return { status: 'done' };
    };
    expect(await runJob(kind, askedAgain, object)).toBe('superseded');
    expect(await findJob(ref)).toMatchObject({ state: 'queued' });
    expect(kind.discarded).toEqual([]);
    expect(await runJob(kind, done, object)).toBe('done');
  });
});

describe('giving up', () => {
  it('gives a job one dead letter and shows its sentence, however often its dead letter arrives', async () => {
    const kind = testKind();
    const { object, ref, subject } = await stage(kind);
    await expect(runJob(kind, async () => Promise.reject(new Error('out of memory')), object)).rejects.toThrow('out of memory');

    expect(await giveUpJob(kind, subject, object, Date.now())).toBe('dead');
    expect(await giveUpJob(kind, subject, object, Date.now())).toBe('dead');
    expect(await findJob(ref)).toMatchObject({ state: 'dead' });
    const letters = await listDeadLettersByOwner(subject.userId);
    expect(letters).toEqual([expect.objectContaining({ kind: kind.name, subjectId: subject.subjectId, key: object.key, attempts: 1 })]);
    expect(kind.shown.filter((line) => line.endsWith(':failed:dead-letter'))).toHaveLength(2);
  });

  it('ignores a dead letter for a job that finished meanwhile', async () => {
    const kind = testKind();
    const { object, subject } = await stage(kind);
    expect(await runJob(kind, done, object)).toBe('done');
    expect(await giveUpJob(kind, subject, object, Date.now())).toBe('stale');
    expect(await listDeadLettersByOwner(subject.userId)).toEqual([]);
  });
});

describe('the sweep', () => {
  it('announces a trigger whose event was lost, once, however many sweeps run at once', async () => {
    const kind = testKind();
    const { ref } = await stage(kind);
    const later = Date.now() + jobTiming().queuedDue(0) + 1;
    const reports = await Promise.all([sweepJobs(later, [kind]), sweepJobs(later, [kind]), sweepJobs(later, [kind])]);
    expect(reports.reduce((sum, report) => sum + report.announced, 0)).toBe(1);
    expect(await findJob(ref)).toMatchObject({ state: 'queued', sweeps: 1 });
    expect(await sweepJobs(later, [kind])).toMatchObject({ announced: 0, 'gave-up': 0 });
  });

  it('waits for an upload that may still arrive, looking again as it ages, and settles one that never will', async () => {
    const kind = testKind();
    const start = Date.now();
    const grace = jobTiming().queuedDue(0);
    const { ref, subject } = await stage(kind, { now: start, store: false });
    const first = start + grace + 1;
    expect(await sweepJobs(first, [kind])).toMatchObject({ waiting: 1 });
    expect(await sweepJobs(first + grace - 1, [kind])).toMatchObject({ waiting: 0 });
    expect(await sweepJobs(first + grace + 1, [kind])).toMatchObject({ waiting: 1 });
    expect(kind.shown).toEqual([]);

    const deadline = start + kind.arrivalWindowMs + ARRIVAL_GRACE_MS;
    expect(await sweepJobs(deadline - 1, [kind])).toMatchObject({ waiting: 1, 'never-arrived': 0 });
    expect(await sweepJobs(deadline + 1, [kind])).toMatchObject({ 'never-arrived': 1 });
    expect(await findJob(ref)).toMatchObject({ state: 'failed' });
    expect(kind.shown).toEqual([`${subject.subjectId}:failed:never-arrived`]);
    expect(kind.discarded).toEqual([subject.subjectId]);
  });

  it('announces an upload that arrived while the sweep was waiting for it, its event lost', async () => {
    // The chaos test's photo: the sweep found no upload yet, then the local cloud was killed between
    // the upload's PUT and its event. It used to be looked at again only when its upload URL ran out.
    const kind = testKind();
    const start = Date.now();
    const grace = jobTiming().queuedDue(0);
    const { ref, key } = await stage(kind, { now: start, store: false });
    expect(await sweepJobs(start + grace + 1, [kind])).toMatchObject({ waiting: 1 });
    // The unrouted bucket sends no event, as the killed cloud did not.
    await writeObject(UNROUTED_BUCKET, key, Buffer.from('arrived late'), 'text/plain');
    expect(await sweepJobs(start + 2 * grace + 2, [kind])).toMatchObject({ announced: 1 });
    expect(await findJob(ref)).toMatchObject({ state: 'queued', sweeps: 1 });
  });

  it('gives up a job whose runs keep dying once it has had as many runs as a message gets deliveries', async () => {
    const kind = testKind();
    const { object, ref, subject } = await stage(kind);
    const { leaseMs } = jobTiming();
    let now = Date.now();
    for (let run = 1; run < MAX_DELIVERY_ATTEMPTS; run++) {
      // A run claims and dies without a word; the sweep finds its lease run out.
      expect(await claimJob(ref, { eTag: object.eTag, now, leaseUntil: now + leaseMs, dueAt: now + 2 * leaseMs })).toBe('claimed');
      now += 10 * 60 * 1000;
      expect(await sweepJobs(now, [kind])).toMatchObject({ announced: 1 });
    }
    expect(await claimJob(ref, { eTag: object.eTag, now, leaseUntil: now + leaseMs, dueAt: now + 2 * leaseMs })).toBe('claimed');
    now += 10 * 60 * 1000;
    expect(await sweepJobs(now, [kind])).toMatchObject({ 'gave-up': 1 });
    expect(await findJob(ref)).toMatchObject({ state: 'dead' });
    expect(await listDeadLettersByOwner(subject.userId)).toHaveLength(1);
  });

  it('announces a queued job again less often as it ages, soon enough however often it was announced, and gives it up only after a day', async () => {
    const kind = testKind();
    const start = Date.now();
    const { ref, subject } = await stage(kind, { now: start });
    const grace = jobTiming().queuedDue(0);
    let now = start + grace + 1;
    const gaps: { age: number; gap: number }[] = [];
    const { createdAt } = (await findJob(ref))!;
    // Eight sweeps as soon as each is due (a backlog, announced again and again), then an older job.
    for (const age of [...Array<number>(8).fill(0), 10 * 60_000, 2 * 60 * 60_000, 10 * 60 * 60_000]) {
      now = Math.max(now, start + age);
      expect(await sweepJobs(now, [kind])).toMatchObject({ announced: 1 });
      const next = (await findJob(ref))!.dueAt!;
      gaps.push({ age: now - createdAt, gap: next - now });
      now = next + 1;
    }
    const waits = gaps.map(({ gap }) => gap);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    for (const { age, gap } of gaps) {
      // Never sooner than the event could have come, never later than a quarter of its age (plus a lease) or an hour.
      expect(gap).toBeGreaterThanOrEqual(grace);
      expect(gap).toBeLessThanOrEqual(Math.min(MAX_ANNOUNCEMENT_INTERVAL_MS, Math.max(grace, Math.round(age / 4))) + jobTiming().leaseMs);
    }
    expect((await findJob(ref))!.sweeps).toBe(gaps.length);
    expect(await sweepJobs(start + MAX_QUEUED_MS + 1, [kind])).toMatchObject({ 'gave-up': 1 });
    expect(await listDeadLettersByOwner(subject.userId)).toHaveLength(1);
  });

  it('leaves finished jobs alone', async () => {
    const kind = testKind();
    const { object } = await stage(kind);
    expect(await runJob(kind, done, object)).toBe('done');
    expect(await sweepJobs(Date.now() + 60 * 60 * 1000, [kind])).toEqual({ announced: 0, 'gave-up': 0, 'never-arrived': 0, waiting: 0, raced: 0 });
  });
});
