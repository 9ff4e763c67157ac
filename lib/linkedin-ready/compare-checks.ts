import { prepareFacePhoto } from '../faces/prepare-face-photo';
import { analyzePhoto } from '../profile-check/analyze-photo';
import type { Check, CheckStatus, ProfileReport } from '../profile-check/schemas';
import { selectAnalyzer } from '../profile-check/select-analyzer';
import type { ReadyOutcome, ReadyPhoto } from './schemas';

const RANK: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2 };

/**
 * The same check, with the deployed analyzer, on the photo and on its ready version: the two scores,
 * the result's checklist, and what the owner should know. A result that scores lower says which checks
 * it lost, so the page never shows a worse number without the reason.
 */
export async function compareChecks(source: Buffer, made: ReadyPhoto): Promise<ReadyOutcome> {
  const analyzer = selectAnalyzer();
  const check = async (photo: Buffer): Promise<ProfileReport> => {
    const prepared = await prepareFacePhoto(photo);
    return (await analyzePhoto(prepared, analyzer, { sourceSize: prepared.sourceSize })).report;
  };
  // One after the other: the built-in model runs one photo at a time anyway.
  const before = await check(source);
  const after = await check(made.jpeg);
  const notes = [...made.notes];
  if (after.score < before.score) notes.push(lowerScoreNote(before, after));
  return {
    before: { score: before.score },
    after: { score: after.score, checks: after.checks },
    notes,
    faceShare: made.faceShare,
    rollCorrectedDegrees: made.rollCorrectedDegrees,
  };
}

function lowerScoreNote(before: ProfileReport, after: ProfileReport): string {
  const was = new Map(before.checks.map((check) => [check.id, check.status]));
  const lost = after.checks.filter((check: Check) => RANK[check.status] < RANK[was.get(check.id) ?? 'pass']).map((check) => check.label);
  const why = lost.length > 0 ? lost.join('; ') : 'checks the original was not scored on';
  return `The check scores this version lower than your photo (${after.score} against ${before.score}): ${why}.`;
}
