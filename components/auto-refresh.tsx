'use client';

import { useEffect, useRef } from 'react';
import { useLiveUpdates } from './live-updates';

/** How often a page checks on work in flight when it cannot hear live updates. */
const FALLBACK_POLL_MS = 10_000;
/** Polling stops after this long: whatever is still in flight then is shown on the next visit or reload. */
const FALLBACK_POLL_LIMIT_MS = 10 * 60_000;

/**
 * The fallback for pages with work in flight while the live connection is down (or cannot be made,
 * behind a proxy that blocks WebSockets): re-renders from the server now and then, and stops when
 * nothing is in flight, when live updates are back, or after a while. While it is active, the live
 * connection knows the page has work in flight, and reloads it once subscribed.
 *
 * A page that arrives with work in flight also reads once more as soon as it is on screen, connected or
 * not: the connection outlives navigations, so an event that came while this page was being rendered
 * and sent (a LinkedIn check that ends as its page loads) was heard before anything here listened, and
 * would never come again.
 */
export function AutoRefresh({ active }: { active: boolean }) {
  const { connected, watchInFlight, refresh } = useLiveUpdates();
  useEffect(() => (active ? watchInFlight() : undefined), [active, watchInFlight]);
  const arrivedInFlight = useRef(active);
  useEffect(() => {
    if (arrivedInFlight.current) refresh();
  }, [refresh]);
  useEffect(() => {
    if (!active || connected) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > FALLBACK_POLL_LIMIT_MS) return clearInterval(timer);
      refresh();
    }, FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [active, connected, refresh]);
  return null;
}
