import { resources } from '../aws/resources';
import { requestSettings } from '../config';
import { liveClientIdPrefix } from './authorize-live-connection';
import { issueLiveToken } from './live-token';
import type { LiveConnection } from './schemas';
import { userTopic } from './topics';

/**
 * Where and how a signed-in user's browser opens its live connection: AWS IoT's MQTT over WebSocket
 * with the custom authorizer named in the URL (the local broker takes the same URL over plain ws).
 */
export async function liveConnectionFor(user: { id: string; sessionId: string | null }, now = Date.now()): Promise<LiveConnection> {
  const { token, expiresAt } = await issueLiveToken({ userId: user.id, sessionId: user.sessionId }, now);
  return {
    url: `${liveOrigin()}/mqtt?x-amz-customauthorizer-name=${encodeURIComponent(resources.realtime.authorizer)}`,
    token,
    topic: userTopic(resources.app, user.id),
    expiresAt,
    clientIdPrefix: liveClientIdPrefix(user.id),
  };
}

/** The live endpoint's origin, which the pages' content security policy lets them connect to. */
export function liveOrigin(): string {
  return `${requestSettings().localCloud ? 'ws' : 'wss'}://${resources.realtime.endpoint}`;
}
