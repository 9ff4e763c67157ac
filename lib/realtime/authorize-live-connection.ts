import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isAccountClosed } from '../account/is-account-closed';
import { resources } from '../aws/resources';
import { findSession } from '../db';
import { IOT_MAX_CONNECTION_SECONDS, IOT_MIN_CONNECTION_SECONDS, LIVE_REFRESH_AFTER_SECONDS } from './limits';
import { verifyLiveToken, type VerifiedLiveToken } from './live-token';
import { userTopic } from './topics';

/** The part of an AWS IoT custom authorizer's event this one reads: the MQTT CONNECT's credentials. */
export const LiveAuthorizerEventSchema = z.object({
  protocolData: z.object({
    mqtt: z.object({ username: z.string().optional(), password: z.string().optional(), clientId: z.string().optional() }).optional(),
  }),
});

/** What AWS IoT expects back from a custom authorizer. */
export interface LiveAuthorizerResponse {
  isAuthenticated: boolean;
  principalId: string;
  disconnectAfterInSeconds: number;
  refreshAfterInSeconds: number;
  policyDocuments: { Version: '2012-10-17'; Statement: { Action: string; Effect: 'Allow'; Resource: string[] }[] }[];
}

/** IoT principals are alphanumeric; Clerk's user ids are not. */
export function livePrincipal(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 32);
}

/** Client ids a user may connect with: their own prefix, so nobody can take over (and so disconnect) another's connection. */
export function liveClientIdPrefix(userId: string): string {
  return `live-${livePrincipal(userId)}-`;
}

const DENIED: LiveAuthorizerResponse = { isAuthenticated: false, principalId: 'denied', disconnectAfterInSeconds: 0, refreshAfterInSeconds: 0, policyDocuments: [] };

/**
 * How long a connection lasts: as long as its token has left, so that a closed account or an ended
 * session, which no fresh token reaches, loses its subscription as soon as the token runs out (the
 * page then connects again with a fresh one). IoT takes 300 s at the least, which a token with less
 * left gets; a token issued for less than that (tests shorten the lifetime) gets what it has left.
 */
export function connectionLifetimeSeconds(token: Pick<VerifiedLiveToken, 'issuedAt' | 'expiresAt'>, now = Date.now()): number {
  const left = Math.ceil(token.expiresAt - now / 1000);
  const least = Math.min(IOT_MIN_CONNECTION_SECONDS, token.expiresAt - token.issuedAt);
  return Math.min(IOT_MAX_CONNECTION_SECONDS, Math.max(least, left));
}

/**
 * The live-updates authorizer, the same on AWS IoT and in the local broker. The MQTT password is a
 * token the site issued to a signed-in user (issueLiveToken); it is accepted while it is fresh, its
 * account is open and, for a local account, its session still exists (signing out ends it), and
 * the connection lasts no longer than the token. The connection may subscribe to, and receive
 * from, its owner's topic only, and publish nothing: events come from the functions, through IoT's
 * Data Plane. It reads two items and nothing else (infra/realtime.ts grants it no more).
 */
export async function authorizeLiveConnection(event: unknown, functionArn: string, now = Date.now()): Promise<LiveAuthorizerResponse> {
  const parsed = LiveAuthorizerEventSchema.safeParse(event);
  const password = parsed.success ? parsed.data.protocolData.mqtt?.password : undefined;
  if (!password) return DENIED;
  const claims = await verifyLiveToken(Buffer.from(password, 'base64').toString('utf8'), now);
  if (!claims) return DENIED;
  const [closed, session] = await Promise.all([
    isAccountClosed(claims.userId),
    claims.sessionId ? findSession(claims.userId, claims.sessionId, now) : Promise.resolve('not needed'),
  ]);
  if (closed || !session) return DENIED;

  const arn = iotArn(functionArn);
  const topic = userTopic(resources.app, claims.userId);
  const lifetime = connectionLifetimeSeconds(claims, now);
  return {
    isAuthenticated: true,
    principalId: livePrincipal(claims.userId),
    disconnectAfterInSeconds: lifetime,
    refreshAfterInSeconds: Math.min(LIVE_REFRESH_AFTER_SECONDS, lifetime),
    policyDocuments: [
      {
        Version: '2012-10-17',
        Statement: [
          { Action: 'iot:Connect', Effect: 'Allow', Resource: [arn(`client/${liveClientIdPrefix(claims.userId)}*`)] },
          { Action: 'iot:Subscribe', Effect: 'Allow', Resource: [arn(`topicfilter/${topic}`)] },
          { Action: 'iot:Receive', Effect: 'Allow', Resource: [arn(`topic/${topic}`)] },
        ],
      },
    ],
  };
}

/** IoT resource ARNs in the authorizer's own partition, region and account. */
function iotArn(functionArn: string): (resource: string) => string {
  const [, partition, , region, account] = functionArn.split(':');
  return (resource) => `arn:${partition}:iot:${region}:${account}:${resource}`;
}
