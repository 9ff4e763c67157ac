import type { LiveEvent } from '@/lib/realtime/schemas';

/**
 * What the page and its live-updates worker say to each other. The worker owns the MQTT connection,
 * so the page's main thread never parses or runs the MQTT client; the page owns everything else
 * (tokens, retries, what to reload).
 */

/** The page asks the worker to open one connection (closing any other), or to close it. */
export type LiveSocketCommand =
  | { type: 'open'; url: string; clientId: string; token: string; topic: string }
  | { type: 'close' };

/**
 * subscribed: connected and listening to the topic. message: something of the owner's changed, as the
 * message said (null for one that did not parse, which still says that something changed). closed: the
 * connection ended or could not be made; the worker does not reconnect by itself, since every connection
 * needs a fresh token.
 */
export type LiveSocketEvent = { type: 'subscribed' } | { type: 'message'; event: LiveEvent | null } | { type: 'closed' };
