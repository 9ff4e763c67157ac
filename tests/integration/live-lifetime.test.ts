import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { expect, it } from 'vitest';
import { endSession } from '@/lib/auth';
import { closeAccount } from '@/lib/db';
import { liveConnectionFor, publishLiveEvent, type LiveConnection } from '@/lib/realtime';
import { clients, endClientsAfterEachTest, signedInUser } from './live-clients';

/*
 * A live connection lasts as long as its token (the authorizer's disconnectAfterInSeconds, which the
 * local broker honours as AWS IoT does). Tokens here last 3 s instead of 10 minutes, so that the end
 * of a connection, and what a page does next, take seconds.
 */
const TOKEN_SECONDS = 3;
// Read on first use, which is after this line: every token this file issues lasts TOKEN_SECONDS.
process.env.LIVE_TOKEN_TTL_SECONDS = String(TOKEN_SECONDS);

endClientsAfterEachTest();

/** Connects as the page's worker does, subscribed to the owner's topic; resolves once subscribed. */
async function subscribe(connection: LiveConnection): Promise<{ client: MqttClient; messages: string[]; ended: Promise<number> }> {
  const client = mqtt.connect(connection.url, {
    clientId: `${connection.clientIdPrefix}${randomBytes(6).toString('hex')}`,
    username: '',
    password: connection.token,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
  clients.push(client);
  await new Promise((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
    client.once('close', () => reject(new Error('closed before connecting')));
  });
  const connectedAt = Date.now();
  const ended = new Promise<number>((resolve) => client.once('close', () => resolve(Date.now() - connectedAt)));
  const messages: string[] = [];
  client.on('message', (_topic, payload) => messages.push(payload.toString()));
  await client.subscribeAsync(connection.topic);
  return { client, messages, ended };
}

/** How long the connection lasted, or a failure if it is still open well after its token ran out. */
function lifetimeOf(ended: Promise<number>): Promise<number> {
  const limitMs = (TOKEN_SECONDS + 3) * 1000;
  return Promise.race([ended, new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`still connected ${limitMs} ms after connecting`)), limitMs))]);
}

it('ends a connection when its token runs out; a fresh token connects again, and none does once the session or the account is closed', async () => {
  const [carol, alice, bob] = await Promise.all([signedInUser(), signedInUser(), signedInUser()]);
  const connections = await Promise.all([carol, alice, bob].map(async ({ user }) => subscribe(await liveConnectionFor(user))));

  // Alice signs out and Bob's account is closed; Carol stays. Every connection ends with its token.
  await endSession(alice.session);
  await closeAccount(bob.user.id, Date.now());
  const lifetimes = await Promise.all(connections.map(({ ended }) => lifetimeOf(ended)));
  for (const lasted of lifetimes) expect(lasted).toBeGreaterThan((TOKEN_SECONDS - 1.5) * 1000);

  // What the page asks for next, a fresh token, opens another connection that hears Carol's events; Alice's and Bob's open none.
  const again = await subscribe(await liveConnectionFor(carol.user));
  await publishLiveEvent(carol.user.id, { topic: 'process-image', subjectId: 'img_after', state: 'done' });
  await expect.poll(() => again.messages).toEqual(['{"topic":"process-image","subjectId":"img_after","state":"done"}']);
  await expect(subscribe(await liveConnectionFor(alice.user))).rejects.toThrow(/Not authorized|closed/);
  await expect(subscribe(await liveConnectionFor(bob.user))).rejects.toThrow(/Not authorized|closed/);
});
