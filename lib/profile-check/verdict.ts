import type { ProfileReport } from './schemas';

/** The score from which a photo can be used as it is, and below which another photo is the better fix. */
export const READY_SCORE = 80;
export const FIXABLE_SCORE = 55;

export type Verdict = 'ready' | 'fixable' | 'retake';

/**
 * What the score means for its owner. A failed check keeps a high score from reading "ready": a photo
 * scoring 87 with a face that fills 20% of it still wants that fixed first.
 */
export function verdictOf(report: Pick<ProfileReport, 'score' | 'checks'>): Verdict {
  if (report.score >= READY_SCORE && !report.checks.some((check) => check.status === 'fail')) return 'ready';
  return report.score >= FIXABLE_SCORE ? 'fixable' : 'retake';
}
