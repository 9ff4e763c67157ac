import { jobSettings } from '../config';

/** When each step of a job should next have happened, so the sweep knows when to look. */
export function jobTiming() {
  const { leaseMs, eventGraceMs, retryWindowMs } = jobSettings();
  return {
    leaseMs,
    /** A run renews its lease three times per lease, so one slow renewal never loses it. */
    heartbeatMs: Math.max(100, Math.floor(leaseMs / 3)),
    /** A running job is overdue once its lease has run out and a delivery had time to take it over. */
    runningDue: (leaseUntil: number) => leaseUntil + leaseMs,
    /** A queued job is overdue once its trigger's event should long have arrived. */
    queuedDue: (from: number) => from + eventGraceMs,
    /** A run that failed is overdue once the queue has had time to deliver it again. */
    retryDue: (now: number) => now + retryWindowMs,
  };
}
