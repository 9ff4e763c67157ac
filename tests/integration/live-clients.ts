import type { MqttClient } from 'mqtt';
import { afterEach } from 'vitest';
import { startSession } from '@/lib/auth';
import { newUserId } from './helpers';

/** The MQTT clients a test opened; each file that imports this ends them after every test. */
export const clients: MqttClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
});

/** A new user with a local session, as a signed-in page has. */
export async function signedInUser() {
  const userId = newUserId();
  const { session } = await startSession({ userId, email: `${userId}@example.com` });
  return { user: { id: userId, sessionId: session.sessionId }, session };
}
