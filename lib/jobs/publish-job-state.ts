import { publishLiveEvent } from '../realtime/publish-live-event';
import type { JobKind, JobSubject } from './job-kind';

/** How far a job has come, as its owner's open pages hear it. */
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'gone';

/**
 * Tells the owner's open pages that a job moved on, so they show it without polling. Every change of
 * what a job shows goes through the runner (run, finish, give up, sweep, redrive), which calls this.
 */
export function publishJobState(kind: JobKind, subject: JobSubject, state: JobState): Promise<void> {
  return publishLiveEvent(subject.userId, { topic: kind.name, subjectId: subject.subjectId, state });
}
