import { z } from 'zod';

/*
 * The process's settings, read from the environment once, checked, and given names that say what
 * they are. Anything that reads a setting reads it from here.
 */

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const seconds = (fallback: number) => z.preprocess(unsetIfEmpty, z.coerce.number().positive().default(fallback)).transform((value) => value * 1000);

const EnvSchema = z.object({
  /**
   * How long a job run owns its job without renewing the claim. Short, because a run renews it as it
   * works: a run that died is taken over this soon after. Tests shorten it to see that happen quickly.
   */
  JOB_LEASE_SECONDS: seconds(30),
  /** How long after its trigger object exists a job may wait for the object's event before the sweep announces it again. */
  JOB_EVENT_GRACE_SECONDS: seconds(60),
  /**
   * How long the queue may take to deliver a failed message again: SQS waits its visibility timeout
   * (6 × the function timeout, 6 minutes). The sweep leaves a failed job alone this long.
   */
  JOB_RETRY_WINDOW_SECONDS: seconds(600),
});

export interface Config {
  jobs: { leaseMs: number; eventGraceMs: number; retryWindowMs: number };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid settings: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const settings = parsed.data;
  return {
    jobs: { leaseMs: settings.JOB_LEASE_SECONDS, eventGraceMs: settings.JOB_EVENT_GRACE_SECONDS, retryWindowMs: settings.JOB_RETRY_WINDOW_SECONDS },
  };
}

let current: Config | undefined;

/** This process's settings, parsed on first use (so that importing lib/ reads nothing). */
export function config(): Config {
  current ??= parseConfig(process.env);
  return current;
}
