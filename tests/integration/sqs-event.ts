import type { SQSEvent } from 'aws-lambda';
import { sqsMessage, toAwsRecord } from '../../local/bridge';

/** The SQS batch SQS would deliver for one stored object, on the given receive. */
export function sqsEvent(object: { bucket: string; key: string; eTag: string; size: number; sequencer?: string }, receive: number): SQSEvent {
  const message = sqsMessage('test-queue', toAwsRecord({ eventName: 'ObjectCreated:Put', s3: { bucket: { name: object.bucket }, object } }));
  message.attributes.ApproximateReceiveCount = String(receive);
  return { Records: [message] };
}
