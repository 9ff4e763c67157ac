import type { Failure, JobKind, JobSubject } from './job-kind';
import { publishJobState } from './publish-job-state';

/**
 * Sets a job's subject's status (its kind's `setStatus`) and, when the change applied, tells the
 * owner's open pages, so that the runner never changes one without the other. False when the
 * subject is gone.
 */
export async function setSubjectStatus(kind: JobKind, subject: JobSubject, change: { state: 'running' | 'queued' } | { state: 'failed'; failure: Failure }): Promise<boolean> {
  const applied = change.state === 'failed' ? await kind.setStatus.failed(subject, change.failure) : await kind.setStatus[change.state](subject);
  if (applied) await publishJobState(kind, subject, change.state);
  return applied;
}
