import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { LiveEventSchema } from '../../lib/realtime/schemas';
import { liveConnectionFor } from '../../lib/realtime';

/** How soon a live connection tries again after the broker went away (a browser's is slower; this one must miss little). */
const RECONNECT_MS = 100;

export interface LiveEventCounter {
  /** How many times one subject's job of one kind reported this stage, e.g. ('process-image', imageId, 'done'). */
  count(kind: string, subjectId: string, stage: string): number;
  close(): Promise<void>;
}

/**
 * Listens to each user's live events as their open page would, through the broker and its authorizer,
 * and counts them: a job announces 'done' once it has recorded its completion, so two 'done' for one
 * photo mean it was finished twice. A page may miss a message (QoS 0, or while it reconnects after the
 * cloud was killed), so a count can be too low, never too high.
 */
export async function countLiveEvents(userIds: string[]): Promise<LiveEventCounter> {
  const counts = new Map<string, number>();
  const id = (kind: string, subjectId: string, stage: string) => `${kind}\u0000${subjectId}\u0000${stage}`;
  const clients = await Promise.all(
    userIds.map(async (userId) => {
      const user = { id: userId, sessionId: null };
      const connection = await liveConnectionFor(user);
      const client: MqttClient = mqtt.connect(connection.url, {
        clientId: `${connection.clientIdPrefix}${randomBytes(6).toString('hex')}`,
        username: '',
        password: connection.token,
        reconnectPeriod: RECONNECT_MS,
        connectTimeout: 5000,
      });
      // A reconnect after the token's lifetime needs a fresh one, as the page asks for.
      client.on('offline', () => void liveConnectionFor(user).then((fresh) => (client.options.password = fresh.token)));
      client.on('error', () => undefined);
      client.on('message', (_topic, payload) => {
        const event = LiveEventSchema.safeParse(parseJson(payload.toString('utf8')));
        if (!event.success) return;
        const key = id(event.data.topic, event.data.subjectId, event.data.state);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      });
      // Every connection is a clean session, so it subscribes again each time; counting starts once the first is subscribed.
      await new Promise<void>((resolve) => client.on('connect', () => void client.subscribeAsync(connection.topic).then(() => resolve(), () => undefined)));
      return client;
    }),
  );
  return {
    count: (kind, subjectId, stage) => counts.get(id(kind, subjectId, stage)) ?? 0,
    close: async () => void (await Promise.all(clients.map((client) => client.endAsync(true)))),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
