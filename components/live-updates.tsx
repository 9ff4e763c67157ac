'use client';

import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { liveConnectionAction } from '@/app/actions/live-connection';
import type { ImageSnapshot } from '@/lib/images/schemas';
import type { LiveEvent } from '@/lib/realtime/schemas';
import type { LiveSocketCommand, LiveSocketEvent } from './live/live-socket-protocol';

/**
 * Hears each event of the page's owner, with its subject as the server answered it when this page made
 * the change itself; returns true when it has shown the change, so the page need not reload for it.
 */
export type LiveListener = (event: LiveEvent, snapshot?: ImageSnapshot) => boolean;

interface LiveState {
  /** Whether this page hears its owner's events as they happen; when it does not, pages fall back to polling (AutoRefresh). */
  connected: boolean;
  /** A page with work in flight says so while it has some; returns the way to stop saying it. */
  watchInFlight: () => () => void;
  /** Adds a listener for every event, live or announced; returns the way to remove it. */
  listen: (listener: LiveListener) => () => void;
  /** Tells the page's listeners of a change this page made itself (an upload it started), as a live event would, with what the server answered of it. */
  announce: (event: LiveEvent, snapshot?: ImageSnapshot) => void;
  /** Reloads the page's data from the server: soon, and at most once a second however often it is asked. */
  refresh: () => void;
}

const LiveContext = createContext<LiveState>({
  connected: false,
  watchInFlight: () => () => undefined,
  listen: () => () => undefined,
  announce: () => undefined,
  refresh: () => undefined,
});

export function useLiveUpdates(): LiveState {
  return useContext(LiveContext);
}

/** Events often come in bursts (a photo's thumbnail, then ready): one reload for a burst. */
const REFRESH_DEBOUNCE_MS = 150;
/** However many events ask for one, a page reloads its whole data at most this often: each reload renders every part of it on the server. */
const MIN_REFRESH_INTERVAL_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** The connection waits for the page to be idle: it is never what the visitor came to see first. */
const START_WHEN_IDLE_TIMEOUT_MS = 2_000;

/**
 * Keeps one live connection per signed-in tab, subscribed to the owner's topic, in a worker
 * (components/live/live-socket.worker.ts) so that the MQTT client never runs on the page's main
 * thread. A message only says what changed (a job's kind, its subject, its stage): the parts of the
 * page that show that subject read it again from the server, which checks every read (the grid reads
 * the one card an event names); an event none of them takes reloads the page's data, coalesced. After a
 * drop it reconnects with a fresh token, backing off, and reloads once subscribed again, since what
 * happened while offline was never pushed. The first subscription reloads only when the page has work
 * in flight: otherwise the page just rendered is what the events would have said.
 */
export function LiveUpdates({ children }: { children: React.ReactNode }) {
  const [connected, setConnected] = useState(false);
  const inFlight = useRef(0);
  const [listeners] = useState(() => new Set<LiveListener>());
  const refresh = useCoalescedRefresh();

  const watchInFlight = useCallback(() => {
    inFlight.current++;
    return () => void inFlight.current--;
  }, []);

  const listen = useCallback(
    (listener: LiveListener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    [listeners],
  );

  const deliver = useCallback(
    (event: LiveEvent | null, snapshot?: ImageSnapshot) => {
      let shown = false;
      // Every listener hears every event: two parts of a page may show the same subject.
      if (event) for (const listener of listeners) shown = listener(event, snapshot) || shown;
      if (!shown) refresh();
    },
    [listeners, refresh],
  );

  useEffect(() => {
    const worker = new Worker(new URL('./live/live-socket.worker.ts', import.meta.url));
    const send = (command: LiveSocketCommand) => worker.postMessage(command);
    let open = false;
    let subscribedBefore = false;
    let stopped = false;
    let failures = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

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

    worker.addEventListener('message', ({ data: message }: MessageEvent<LiveSocketEvent>) => {
      if (stopped) return;
      if (message.type === 'message') return deliver(message.event);
      if (message.type === 'subscribed') {
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
      window.removeEventListener('online', reconnectNow);
      worker.terminate();
    };
  }, [deliver, refresh]);

  const state = useMemo(() => ({ connected, watchInFlight, listen, announce: deliver, refresh }), [connected, watchInFlight, listen, deliver, refresh]);
  return (
    <LiveContext.Provider value={state}>
      <div data-live={connected ? 'connected' : 'offline'} className="contents">
        {children}
      </div>
    </LiveContext.Provider>
  );
}

/**
 * router.refresh, coalesced: every ask within a reload's wait is answered by that one reload, reloads
 * start at least MIN_REFRESH_INTERVAL_MS apart, and never while the last is still loading (a slow
 * server, `next dev` compiling) — one that was asked for meanwhile starts when it is done.
 */
function useCoalescedRefresh(): () => void {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const loading = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastStarted = useRef(Number.NEGATIVE_INFINITY);

  useEffect(() => {
    loading.current = refreshing;
  }, [refreshing]);
  useEffect(() => () => clearTimeout(timer.current), []);

  return useCallback(() => {
    // One is on its way: it starts after this ask, so it brings what this ask is about.
    if (timer.current !== undefined) return;
    const start = () => {
      if (loading.current) {
        timer.current = setTimeout(start, REFRESH_DEBOUNCE_MS);
        return;
      }
      timer.current = undefined;
      lastStarted.current = performance.now();
      startRefresh(() => router.refresh());
    };
    timer.current = setTimeout(start, Math.max(REFRESH_DEBOUNCE_MS, lastStarted.current + MIN_REFRESH_INTERVAL_MS - performance.now()));
  }, [router]);
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
