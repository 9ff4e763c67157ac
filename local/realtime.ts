import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { z } from 'zod';
import type { Invoke } from './bridge';
import { LIVE_AUTHORIZER_NAME } from './env';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './lambda-context';

/*
 * The local stand-in for AWS IoT Core as `sst.aws.Realtime` uses it, on one port like IoT's data
 * endpoint: MQTT over WebSocket at /mqtt for browsers, and IoT Data Plane's Publish (POST
 * /topics/{topic}) for the functions, which reach it through AWS_ENDPOINT_URL_IOT_DATA_PLANE with the
 * same SDK call they make on AWS.
 *
 * As on IoT, a connection must name the custom authorizer in its URL; its CONNECT is handed to the
 * same authorizer function (functions/live-authorizer.ts) in IoT's event shape, password base64'd;
 * and what the returned policy allows is enforced: connecting with a client id, subscribing to a
 * topic filter (a refused one gets SUBACK 0x80, as IoT answers), receiving from a topic, publishing
 * (a refused publish disconnects the client, as IoT does under MQTT 3.1.1). The connection ends
 * disconnectAfterInSeconds after it was made, and every refreshAfterInSeconds the authorizer is asked
 * again with the same credentials: a refusal then ends it, an answer replaces its policy.
 */

const AUTHORIZER_FUNCTION = 'live-authorizer';
const PUBLISH_PATH = /^\/topics\/([^?]+)(?:\?.*)?$/;

const StatementSchema = z.object({
  Action: z.union([z.string(), z.array(z.string())]),
  Effect: z.enum(['Allow', 'Deny']),
  Resource: z.union([z.string(), z.array(z.string())]),
});
type Statement = z.infer<typeof StatementSchema>;

/*
 * IoT refuses an answer whose lifetimes fall outside 300–86,400 s. Shorter ones are accepted here, so
 * that tests can see a connection end in seconds (lib/config's LIVE_TOKEN_TTL_SECONDS); the
 * authorizer never answers less than 300 s with the lifetime tokens have by default.
 */
const Lifetime = z.number().int().min(1).max(86_400);

/** The part of a custom authorizer's answer IoT acts on. An accepted connection's lifetimes are required, as IoT requires them. */
export const AuthorizerAnswerSchema = z.discriminatedUnion('isAuthenticated', [
  z.object({ isAuthenticated: z.literal(false) }),
  z.object({
    isAuthenticated: z.literal(true),
    disconnectAfterInSeconds: Lifetime,
    refreshAfterInSeconds: Lifetime,
    policyDocuments: z.array(z.object({ Statement: z.array(StatementSchema) })).default([]),
  }),
]);
type AuthorizerAnswer = z.infer<typeof AuthorizerAnswerSchema>;

export interface Realtime {
  /** Host and port, as `Resource.Realtime.endpoint` names IoT's. */
  endpoint: string;
  /** What AWS_ENDPOINT_URL_IOT_DATA_PLANE points at. */
  dataPlaneUrl: string;
  stop(): Promise<void>;
}

export async function startRealtime(options: { port: number; invoke: Invoke }): Promise<Realtime> {
  const broker = await Aedes.createBroker({ drainTimeout: 30_000 });
  const policies = new WeakMap<Client, Statement[]>();
  const urls = new WeakMap<Client, string>();
  /** Each connection's end and next refresh. */
  const timers = new Map<Client, { end: NodeJS.Timeout; refresh?: NodeJS.Timeout }>();

  /** The statements an answer grants a client, and its lifetimes: none unless it is authenticated and may connect with its client id. */
  const grantedTo = (client: Client, answer: AuthorizerAnswer) => {
    if (!answer.isAuthenticated) return null;
    const statements = answer.policyDocuments.flatMap((document) => document.Statement);
    return allows(statements, 'iot:Connect', `client/${client.id}`) ? { statements, ...answer } : null;
  };
  const ask = async (event: object) => AuthorizerAnswerSchema.parse(await options.invoke(AUTHORIZER_FUNCTION, event));

  const scheduleRefresh = (client: Client, event: object, seconds: number) => {
    const scheduled = timers.get(client);
    if (!scheduled) return;
    scheduled.refresh = setTimeout(() => {
      ask(event)
        .then((answer) => {
          const granted = grantedTo(client, answer);
          if (!granted) return client.close();
          policies.set(client, granted.statements);
          scheduleRefresh(client, event, granted.refreshAfterInSeconds);
        })
        // A failed refresh ends the connection, as IoT does.
        .catch(() => client.close());
    }, seconds * 1000).unref();
  };

  broker.authenticate = (client, username, password, done) => {
    const refuse = (returnCode: 4 | 5) => done(Object.assign(new Error('Not authorized'), { returnCode }) as AuthenticateError, false);
    if (!new URL(urls.get(client) ?? '/', 'http://local').searchParams.get('x-amz-customauthorizer-name')?.startsWith(LIVE_AUTHORIZER_NAME)) return refuse(5);
    const event = {
      protocols: ['mqtt'],
      protocolData: { mqtt: { username: username ?? '', password: password?.toString('base64') ?? '', clientId: client.id } },
      connectionMetadata: { id: randomUUID() },
    };
    ask(event)
      .then((answer) => {
        const granted = grantedTo(client, answer);
        if (!granted) return refuse(5);
        policies.set(client, granted.statements);
        timers.set(client, { end: setTimeout(() => client.close(), granted.disconnectAfterInSeconds * 1000).unref() });
        scheduleRefresh(client, event, granted.refreshAfterInSeconds);
        done(null, true);
      })
      // IoT refuses the connection when its authorizer fails or answers what it cannot use.
      .catch(() => refuse(5));
  };
  const forget = (client: Client) => {
    const scheduled = timers.get(client);
    clearTimeout(scheduled?.end);
    clearTimeout(scheduled?.refresh);
    timers.delete(client);
  };
  broker.on('clientDisconnect', forget);
  broker.on('clientError', forget);
  broker.authorizeSubscribe = (client, subscription, done) => {
    const allowed = client && allows(policies.get(client) ?? [], 'iot:Subscribe', `topicfilter/${subscription.topic}`);
    done(null, allowed ? subscription : null);
  };
  broker.authorizePublish = (client, packet, done) => {
    if (client && !allows(policies.get(client) ?? [], 'iot:Publish', `topic/${packet.topic}`)) return done(new Error('Not authorized to publish'));
    done(null);
  };
  broker.authorizeForward = (client, packet) => (allows(policies.get(client) ?? [], 'iot:Receive', `topic/${packet.topic}`) ? packet : null);

  const server = http.createServer((request, response) => {
    const match = request.method === 'POST' ? PUBLISH_PATH.exec(request.url ?? '') : null;
    if (!match) {
      response.writeHead(404).end();
      return;
    }
    const topic = decodeURIComponent(match[1]!);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      broker.publish({ cmd: 'publish', topic, payload: Buffer.concat(chunks), qos: 0, retain: false, dup: false }, (error) => {
        response.writeHead(error ? 500 : 200, { 'content-type': 'application/json' }).end(error ? JSON.stringify({ message: error.message }) : '{}');
      });
    });
  });
  const sockets = new WebSocketServer({ server, path: '/mqtt', handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false) });
  sockets.on('connection', (socket, request) => {
    const stream = createWebSocketStream(socket);
    const client = broker.handle(stream, request);
    urls.set(client, request.url ?? '/');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `127.0.0.1:${port}`,
    dataPlaneUrl: `http://127.0.0.1:${port}`,
    async stop() {
      for (const client of [...timers.keys()]) forget(client);
      for (const socket of sockets.clients) socket.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

/** Whether IAM-style statements allow an action on an IoT resource of this account (Deny wins; `*` and `?` are wildcards). */
export function allows(statements: Statement[], action: string, resource: string): boolean {
  const arn = `arn:aws:iot:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;
  const matching = statements.filter((statement) => [statement.Action].flat().some((pattern) => wildcard(pattern).test(action)) && [statement.Resource].flat().some((pattern) => wildcard(pattern).test(arn)));
  return matching.length > 0 && matching.every((statement) => statement.Effect === 'Allow');
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}
