import type { JobSubject } from '../jobs/job-kind';
import { parseWebhookRequestKey, webhookRequestKey } from '../storage';

/*
 * A delivery's job subject: the owner, and `<endpointId>.<messageId>` (ids never hold a dot), so that
 * the runner's give-up, which reads no object, still knows which endpoint failed.
 */

export function deliverySubject(userId: string, endpointId: string, messageId: string): JobSubject {
  return { userId, subjectId: `${endpointId}.${messageId}` };
}

export function deliveryOf(subject: JobSubject): { userId: string; endpointId: string; messageId: string } {
  const [endpointId = '', messageId = ''] = subject.subjectId.split('.');
  return { userId: subject.userId, endpointId, messageId };
}

export function deliveryKey(subject: JobSubject): string {
  const { userId, endpointId, messageId } = deliveryOf(subject);
  return webhookRequestKey(userId, endpointId, messageId);
}

/** parseKey of the deliver-webhook kind. */
export function deliverySubjectOfKey(key: string): JobSubject | null {
  const parsed = parseWebhookRequestKey(key);
  return parsed ? deliverySubject(parsed.userId, parsed.endpointId, parsed.messageId) : null;
}
