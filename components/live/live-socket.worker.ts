import mqtt, { type MqttClient } from 'mqtt';
import { LiveEventSchema, type LiveEvent } from '@/lib/realtime/schemas';
import type { LiveSocketCommand, LiveSocketEvent } from './live-socket-protocol';

/*
 * The live connection, off the page's main thread: MQTT over WebSocket to AWS IoT (the local broker
 * offline), subscribed to the owner's topic. It reports what happens and leaves every decision to
 * the page (components/live-updates.tsx).
 */

const scope = self as unknown as {
  postMessage(event: LiveSocketEvent): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LiveSocketCommand>) => void): void;
};

let client: MqttClient | null = null;

function close(): void {
  const current = client;
  client = null;
  current?.end(true);
}

function open({ url, clientId, token, topic }: Extract<LiveSocketCommand, { type: 'open' }>): void {
  close();
  const current = mqtt.connect(url, {
    clientId,
    username: '',
    password: token,
    // Reconnecting is the page's to do: each connection needs a fresh token.
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
  client = current;
  current.on('connect', () => {
    current.subscribe(topic, { qos: 0 }, (error) => {
      if (client !== current) return;
      // A refused subscription (IoT answers 0x80) leaves a connection that would hear nothing.
      if (error) return current.end(true);
      scope.postMessage({ type: 'subscribed' });
    });
  });
  current.on('message', (_topic, payload) => {
    if (client === current) scope.postMessage({ type: 'message', event: parseLiveEvent(payload) });
  });
  // An error is followed by close, which is what the page hears.
  current.on('error', () => undefined);
  current.on('close', () => {
    if (client !== current) return;
    close();
    scope.postMessage({ type: 'closed' });
  });
}

/** A message as the functions publish it; null for anything else. Parsed here, so that the page's main thread never loads zod for it. */
function parseLiveEvent(payload: Uint8Array): LiveEvent | null {
  try {
    const parsed = LiveEventSchema.safeParse(JSON.parse(new TextDecoder().decode(payload)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

scope.addEventListener('message', ({ data: command }) => {
  if (command.type === 'open') open(command);
  else close();
});
