import type { MqttClient } from 'mqtt';
import { afterEach } from 'vitest';
import { startSession } from '@/lib/auth';
import { newUserId } from './helpers';

/** The MQTT clients a test opened, which endClientsAfterEachTest ends. */
export const clients: MqttClient[] = [];

/**
 * Ends the clients of each test of the calling file once it is over. A call in each file, not a hook
 * at this module's top: where files share one module graph, this module runs once, and its hook
 * would join the first file that imports it and no other.
 */
export function endClientsAfterEachTest(): void {
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });
}

/** A new user with a local session, as a signed-in page has. */
export async function signedInUser() {
  const userId = newUserId();
  const { session } = await startSession({ userId, email: `${userId}@example.com` });
  return { user: { id: userId, sessionId: session.sessionId }, session };
}
