import { resources } from '../aws/resources';
import { defineJobKind } from '../jobs/define-job-kind';
import { deleteObjects } from '../storage';
import { deliveryKey, deliverySubjectOfKey } from './delivery-subject';
import { recordGivenUpDelivery } from './record-given-up-delivery';

/**
 * Sending one event to one endpoint; its request's arrival in the media bucket starts it. The runner
 * retries a failed attempt (the queue's visibility timeout apart), dead-letters it after the last, and
 * sweeps it if its event is lost; a delivery given up on counts towards disabling its endpoint.
 */
export const deliverWebhookJob = defineJobKind('deliver-webhook', {
  label: 'Delivering a webhook',
  parseKey: deliverySubjectOfKey,
  setStatus: {
    // A delivery has no record of its own to show progress on: its endpoint shows how deliveries go.
    running: () => Promise.resolve(true),
    queued: () => Promise.resolve(true),
    failed: (subject) => recordGivenUpDelivery(subject),
  },
  async discard(subject) {
    await deleteObjects(resources.mediaBucket, [deliveryKey(subject)]);
  },
  arrivalWindowMs: 60 * 1000,
  messages: {
    gaveUp: 'A webhook delivery kept failing: your endpoint did not accept it. Press Retry to send it again.',
    neverArrived: 'A webhook delivery could not start.',
  },
  whenFinished: 'forget',
});
