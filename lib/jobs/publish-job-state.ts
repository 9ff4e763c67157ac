import { publishLiveEvent } from '../realtime/publish-live-event';
import type { JobKind, JobSubject } from './job-kind';

/**
 * How far a job has come, as its owner's open pages hear it: what the runner decides (queued,
 * running, done, failed, gone), or a step the work itself reached (thumbnail: the grid can show the
 * picture before the larger sizes exist).
 */
export type JobStage = 'queued' | 'running' | 'thumbnail' | 'done' | 'failed' | 'gone';

/**
 * Tells the owner's open pages that a job moved on, so they show it without polling. Every live
 * message about a job goes through here: the runner's changes (run, finish, give up, sweep, redrive)
 * and the work's own steps.
 */
export function publishJobState(kind: JobKind, subject: JobSubject, state: JobStage): Promise<void> {
  return publishLiveEvent(subject.userId, { topic: kind.name, subjectId: subject.subjectId, state });
}
