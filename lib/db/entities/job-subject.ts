/**
 * What a record a job works on keeps of that work, beside its own status: why it failed (for people,
 * and a code for programs: lib/jobs/failure-codes.ts), the mark set when its deletion starts (no run
 * may complete it after that), and when it was asked for and last changed.
 */
export const jobSubjectAttributes = {
  failureReason: { type: 'string' },
  failureCode: { type: 'string' },
  deletingAt: { type: 'number' },
  requestedAt: { type: 'number', required: true, default: () => Date.now() },
  updatedAt: { type: 'number', watch: '*', set: () => Date.now(), default: () => Date.now() },
} as const;
