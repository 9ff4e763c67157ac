'use client';

import type { MqttClient } from 'mqtt';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, useState } from 'react';
import { liveConnectionAction } from '@/app/actions/live-connection';

/** Whether this page hears its owner's events as they happen; when it does not, pages fall back to polling (AutoRefresh). */
const LiveContext = createContext({ connected: false });

export function useLiveUpdates(): { connected: boolean } {
  return useContext(LiveContext);
}

/** Events often come in bursts (a photo's thumbnail, then ready): one reload for a burst. */
const REFRESH_DEBOUNCE_MS = 150;
const MAX_RETRY_MS = 30_000;

/**
 * Keeps one live connection per signed-in tab: MQTT over WebSocket to AWS IoT (the local broker
 * offline), subscribed to the owner's topic. Any event reloads the page's data from the server, which
 * checks every read; a message only says that something changed. It reloads once each time it has
 * subscribed, so nothing that happened before (between the render and the subscription, or while
 * offline) is lost; after a drop it reconnects with a fresh token, backing off.
 */
export function LiveUpdates({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let client: MqttClient | null = null;
    let stopped = false;
    let failures = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;

    const refresh = () => {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => router.refresh(), REFRESH_DEBOUNCE_MS);
    };
    const retryLater = () => {
      if (stopped) return;
      const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** failures++) * (0.75 + Math.random() / 2);
      retryTimer = setTimeout(() => void open(), delay);
    };

    async function open() {
      const connection = (await liveConnectionAction().catch(() => undefined))?.data;
      if (stopped) return;
      if (!connection) return retryLater();
      const { default: mqtt } = await import('mqtt');
      if (stopped) return;
      const current = mqtt.connect(connection.url, {
        clientId: `${connection.clientIdPrefix}${crypto.randomUUID().slice(0, 8)}`,
        username: '',
        password: connection.token,
        // Reconnecting is ours to do: each connection needs a fresh token.
        reconnectPeriod: 0,
        connectTimeout: 10_000,
      });
      client = current;
      current.on('connect', () => {
        current.subscribe(connection.topic, { qos: 0 }, (error) => {
          if (error) return current.end(true);
          failures = 0;
          setConnected(true);
          // What changed between the page's render (or the drop) and this subscription was never pushed: reload it once.
          refresh();
        });
      });
      current.on('message', refresh);
      // An error is followed by close, which reconnects.
      current.on('error', () => undefined);
      current.on('close', () => {
        if (client !== current) return;
        client = null;
        current.end(true);
        setConnected(false);
        retryLater();
      });
    }

    const reconnectNow = () => {
      if (client || stopped) return;
      clearTimeout(retryTimer);
      failures = 0;
      void open();
    };
    void open();
    window.addEventListener('online', reconnectNow);
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(refreshTimer);
      window.removeEventListener('online', reconnectNow);
      client?.end(true);
    };
  }, [router]);

  return (
    <LiveContext.Provider value={{ connected }}>
      <div data-live={connected ? 'connected' : 'offline'} className="contents">
        {children}
      </div>
    </LiveContext.Provider>
  );
}
