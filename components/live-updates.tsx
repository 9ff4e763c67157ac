'use client';

import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { liveConnectionAction } from '@/app/actions/live-connection';
import type { LiveSocketCommand, LiveSocketEvent } from './live/live-socket-protocol';

interface LiveState {
  /** Whether this page hears its owner's events as they happen; when it does not, pages fall back to polling (AutoRefresh). */
  connected: boolean;
  /** A page with work in flight says so while it has some; returns the way to stop saying it. */
  watchInFlight: () => () => void;
}

const LiveContext = createContext<LiveState>({ connected: false, watchInFlight: () => () => undefined });

export function useLiveUpdates(): LiveState {
  return useContext(LiveContext);
}

/** Events often come in bursts (a photo's thumbnail, then ready): one reload for a burst. */
const REFRESH_DEBOUNCE_MS = 150;
const MAX_RETRY_MS = 30_000;
/** The connection waits for the page to be idle: it is never what the visitor came to see first. */
const START_WHEN_IDLE_TIMEOUT_MS = 2_000;

/**
 * Keeps one live connection per signed-in tab, subscribed to the owner's topic, in a worker
 * (components/live/live-socket.worker.ts) so that the MQTT client never runs on the page's main
 * thread. Any event reloads the page's data from the server, which checks every read; a message only
 * says that something changed. After a drop it reconnects with a fresh token, backing off, and
 * reloads once subscribed again, since what happened while offline was never pushed. The first
 * subscription reloads only when the page has work in flight: otherwise the page just rendered is
 * what the events would have said.
 */
export function LiveUpdates({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [connected, setConnected] = useState(false);
  const inFlight = useRef(0);

  const watchInFlight = useCallback(() => {
    inFlight.current++;
    return () => void inFlight.current--;
  }, []);

  useEffect(() => {
    const worker = new Worker(new URL('./live/live-socket.worker.ts', import.meta.url));
    const send = (command: LiveSocketCommand) => worker.postMessage(command);
    let open = false;
    let subscribedBefore = false;
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
      retryTimer = setTimeout(() => void connect(), delay);
    };

    async function connect() {
      const connection = (await liveConnectionAction().catch(() => undefined))?.data;
      if (stopped) return;
      if (!connection) return retryLater();
      open = true;
      send({ type: 'open', url: connection.url, clientId: `${connection.clientIdPrefix}${crypto.randomUUID().slice(0, 8)}`, token: connection.token, topic: connection.topic });
    }

    worker.addEventListener('message', ({ data: event }: MessageEvent<LiveSocketEvent>) => {
      if (stopped) return;
      if (event.type === 'message') return refresh();
      if (event.type === 'subscribed') {
        failures = 0;
        setConnected(true);
        if (subscribedBefore || inFlight.current > 0) refresh();
        subscribedBefore = true;
        return;
      }
      open = false;
      setConnected(false);
      retryLater();
    });
    // A worker that cannot start (blocked by a policy, say) leaves the page on its polling fallback.
    worker.addEventListener('error', () => setConnected(false));

    const reconnectNow = () => {
      if (open || stopped) return;
      clearTimeout(retryTimer);
      failures = 0;
      void connect();
    };
    const cancelStart = whenIdle(() => void connect(), START_WHEN_IDLE_TIMEOUT_MS);
    window.addEventListener('online', reconnectNow);
    return () => {
      stopped = true;
      cancelStart();
      clearTimeout(retryTimer);
      clearTimeout(refreshTimer);
      window.removeEventListener('online', reconnectNow);
      worker.terminate();
    };
  }, [router]);

  const state = useMemo(() => ({ connected, watchInFlight }), [connected, watchInFlight]);
  return (
    <LiveContext.Provider value={state}>
      <div data-live={connected ? 'connected' : 'offline'} className="contents">
        {children}
      </div>
    </LiveContext.Provider>
  );
}

/** Runs `task` once the page is idle, or after `timeout` ms at the latest; returns how to call it off. */
function whenIdle(task: () => void, timeout: number): () => void {
  // Safari has no requestIdleCallback.
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(task, 0);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(task, { timeout });
  return () => cancelIdleCallback(handle);
}
