import { resources } from '../aws/resources';
import type { JobKind } from './job-kind';
import { wiringOf, type JobName } from './wiring';

/** A kind bound to its row of the job-wiring table by name, so that where its triggers are written is said once. */
export function defineJobKind<N extends JobName>(name: N, kind: Omit<JobKind, 'name' | 'bucket'>): JobKind & { name: N } {
  const { bucket } = wiringOf(name).trigger;
  return { name, bucket: () => resources.bucket(bucket), ...kind };
}
