import type { Failure, JobKind, JobSubject } from './job-kind';
import { publishJobState } from './publish-job-state';

/**
 * Changes what a job's subject shows (its kind's `show`) and, when the change applied, tells the
 * owner's open pages, so that the runner never changes one without the other. False when the
 * subject is gone.
 */
export async function showJob(kind: JobKind, subject: JobSubject, change: { state: 'running' | 'queued' } | { state: 'failed'; failure: Failure }): Promise<boolean> {
  const shown = change.state === 'failed' ? await kind.show.failed(subject, change.failure) : await kind.show[change.state](subject);
  if (shown) await publishJobState(kind, subject, change.state);
  return shown;
}
