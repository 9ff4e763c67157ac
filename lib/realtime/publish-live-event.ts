import { PublishCommand } from '@aws-sdk/client-iot-data-plane';
import { iotDataClient } from '../aws/clients';
import { resources } from '../aws/resources';
import { log } from '../observability/log';
import { LiveEventSchema, type LiveEvent } from './schemas';
import { userTopic } from './topics';

/**
 * Tells a user's open pages that something of theirs changed. Best effort: the state is in the
 * table, and a page that misses a message (offline, or a publish that failed here) reloads it when
 * it reconnects, or on its occasional poll, so a failed publish is logged and never fails the work.
 */
export async function publishLiveEvent(userId: string, event: LiveEvent): Promise<void> {
  const payload = LiveEventSchema.parse(event);
  try {
    await iotDataClient().send(
      new PublishCommand({
        topic: userTopic(resources.app, userId),
        // At most once: a page that misses one reloads on reconnect anyway.
        qos: 0,
        payload: Buffer.from(JSON.stringify(payload)),
      }),
    );
  } catch (error) {
    log.warn('Could not publish a live update', { error: String(error), topic: payload.topic });
  }
}
