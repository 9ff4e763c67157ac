import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { endSession } from '@/lib/auth';
import { liveConnectionFor, publishLiveEvent, type LiveConnection } from '@/lib/realtime';
import { clients, endClientsAfterEachTest, signedInUser } from './live-clients';

/*
 * Live updates through the local broker, which hands every connection to the same authorizer
 * function AWS IoT calls and enforces the policy it returns; events are published with the same
 * IoT Data Plane call the functions make on AWS.
 */

function connect(connection: LiveConnection, overrides: { clientId?: string; password?: string; url?: string } = {}): Promise<MqttClient> {
  const client = mqtt.connect(overrides.url ?? connection.url, {
    clientId: overrides.clientId ?? `${connection.clientIdPrefix}${randomBytes(6).toString('hex')}`,
    username: '',
    password: overrides.password ?? connection.token,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
  clients.push(client);
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
    client.once('close', () => reject(new Error('closed before connecting')));
  });
}

function received(client: MqttClient): string[] {
  const messages: string[] = [];
  client.on('message', (topic, payload) => messages.push(`${topic} ${payload.toString()}`));
  return messages;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

endClientsAfterEachTest();

describe('live updates', () => {
  it("delivers a user's events to that user, and never another user's", async () => {
    const { user: aliceUser } = await signedInUser();
    const alice = await liveConnectionFor(aliceUser);
    const bob = await signedInUser();
    const bobs = await liveConnectionFor(bob.user);
    const client = await connect(alice);
    const messages = received(client);

    expect((await client.subscribeAsync(alice.topic))[0]).toMatchObject({ topic: alice.topic, qos: 0 });
    // IoT answers a subscription the policy does not allow with SUBACK 0x80 (failure), and the connection stays.
    for (const topic of [bobs.topic, '#', `${alice.topic}/#`]) {
      await expect(client.subscribeAsync(topic)).rejects.toMatchObject({ packet: { granted: [128] } });
    }

    await publishLiveEvent(bob.user.id, { topic: 'process-image', subjectId: 'img_bob', state: 'done' });
    await publishLiveEvent(aliceUser.id, { topic: 'process-image', subjectId: 'img_alice', state: 'done' });
    await settle();
    expect(messages).toEqual([`${alice.topic} {"topic":"process-image","subjectId":"img_alice","state":"done"}`]);
  });

  it('lets a browser publish nothing: a publish ends its connection, as IoT does', async () => {
    const alice = await liveConnectionFor((await signedInUser()).user);
    const client = await connect(alice);
    const closed = new Promise((resolve) => client.once('close', () => resolve('closed')));
    client.publish(alice.topic, 'forged');
    await expect(closed).resolves.toBe('closed');
  });

  it('refuses a connection without a valid token, after sign-out, under another user’s client id, or without the authorizer’s name', async () => {
    const { user, session } = await signedInUser();
    const alice = await liveConnectionFor(user);
    const bob = await liveConnectionFor((await signedInUser()).user);

    await expect(connect(alice, { password: 'not-a-token' })).rejects.toThrow(/Not authorized|closed/);
    await expect(connect(alice, { password: `${alice.token.slice(0, -2)}xx` })).rejects.toThrow(/Not authorized|closed/);
    await expect(connect(alice, { clientId: `${bob.clientIdPrefix}mine` })).rejects.toThrow(/Not authorized|closed/);
    await expect(connect(alice, { url: alice.url.replace(/\?.*$/, '') })).rejects.toThrow(/Not authorized|closed/);
    // The same token works until the session ends.
    await expect(connect(alice)).resolves.toBeDefined();
    await endSession(session);
    await expect(connect(alice)).rejects.toThrow(/Not authorized|closed/);
  });

  it('refuses a token once it has expired', async () => {
    const { user } = await signedInUser();
    const stale = await liveConnectionFor(user, Date.now() - 11 * 60 * 1000);
    await expect(connect(stale)).rejects.toThrow(/Not authorized|closed/);
  });
});
