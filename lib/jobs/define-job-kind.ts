import { resources } from '../aws/resources';
import type { JobKind, JobSubject } from './job-kind';
import { wiringOf, type JobName } from './wiring';

/** A kind bound to its row of the job-wiring table by name, so that where its triggers are written is said once. */
export function defineJobKind<N extends JobName>(name: N, kind: Omit<JobKind, 'name' | 'bucket'>): JobKind & { name: N } {
  const { bucket } = wiringOf(name).trigger;
  return { name, bucket: () => resources.bucket(bucket), ...kind };
}

/** A subject record's status change: the word it uses for a state, or failed with what its owner reads. */
export type StatusChange<Word extends string> = { status: Word } | { status: 'failed'; failureReason: string; failureCode: string };

/** setStatus for a subject whose record takes one status change, given its words for a run in progress and for a job sent round again. */
export function statusChanges<Word extends string>(
  set: (subject: JobSubject, change: StatusChange<Word>) => Promise<boolean>,
  words: { running: Word; queued: Word },
): JobKind['setStatus'] {
  return {
    running: (subject) => set(subject, { status: words.running }),
    queued: (subject) => set(subject, { status: words.queued }),
    failed: (subject, failure) => set(subject, { status: 'failed', failureReason: failure.reason, failureCode: failure.code }),
  };
}

/** parseKey from a trigger-key parser that names the owner and, under `idField`, the subject. */
export function subjectFromKey<Field extends string>(parse: (key: string) => ({ userId: string } & Record<Field, string>) | null, idField: Field): JobKind['parseKey'] {
  return (key) => {
    const owner = parse(key);
    return owner ? { userId: owner.userId, subjectId: owner[idField] } : null;
  };
}

/** The image a job whose subject is an image works on, as lib/db keys it. */
export function imageKeyOf(subject: JobSubject): { userId: string; imageId: string } {
  return { userId: subject.userId, imageId: subject.subjectId };
}

/**
 * The kind as its own function runs it, when a run writes beyond what the kind's discard can reach
 * from anywhere (a face recognizer's copy, say): the runner's discard of a gone subject also removes
 * that. Only that function loads `discardRun` and holds the grants it needs; the sweep's discard of a
 * trigger that never arrived, when no run wrote anything, stays the kind's own.
 */
export function withRunDiscard<K extends JobKind>(kind: K, discardRun: (subject: JobSubject) => Promise<void>): K {
  return {
    ...kind,
    async discard(subject) {
      await discardRun(subject);
      await kind.discard(subject);
    },
  };
}
