import type { JobRef } from '../db';

/** A job has at most one dead letter, so its id is the job's: storing it again overwrites it. */
export function deadLetterIdOf(ref: JobRef): string {
  return `${ref.kind}.${ref.subjectId}`;
}
