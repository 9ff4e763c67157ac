import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/*
 * Stands in for Clerk's Backend API where Clerk cannot be reached: a loopback server that answers the
 * calls the app makes (reading a user, deleting one) with the bodies Clerk answers with
 * (lib/auth/__fixtures__). Clerk's SDKs reach it through CLERK_API_URL, so the app's own client and
 * calls are used. It can be made slow or down, as Clerk is during an incident.
 */

/** How the stand-in answers: as Clerk does, after holding every call (`slow`), or with 503 (`down`). */
export type ClerkAvailability = 'up' | 'slow' | 'down';

export interface ClerkApiStub {
  endpoint: string;
  /** Every call, as "GET /v1/users/user_…". */
  calls: string[];
  /** The user ids of every DELETE /v1/users/:id, answered or not. */
  deletions: string[];
  /** A user Clerk knows, with their primary email address. */
  addUser(userId: string, email: string): void;
  /** Answers the next `count` deletions with a 503, as an outage would. */
  failNext(count: number): void;
  setAvailability(availability: ClerkAvailability, options?: { holdMs?: number }): void;
  stop(): Promise<void>;
}

type Body = Record<string, unknown>;

/** `secretKey`, when given, is the only Bearer token answered: anything else gets Clerk's 401. */
export async function startClerkApiStub(root: string, options: { secretKey?: string } = {}): Promise<ClerkApiStub> {
  const recorded = async (name: string) => JSON.parse(await readFile(path.join(root, 'lib', 'auth', '__fixtures__', name), 'utf8')) as Body;
  const [userShape, deletedShape, notFound, unavailable] = await Promise.all([
    recorded('clerk-get-user.json'),
    recorded('clerk-deleted-user.json'),
    recorded('clerk-error-not-found.json'),
    recorded('clerk-error-unavailable.json'),
  ]);
  const users = new Map<string, string>();
  const calls: string[] = [];
  const deletions: string[] = [];
  let failingDeletions = 0;
  let availability: ClerkAvailability = 'up';
  let holdMs = 0;
  const held = new Set<http.ServerResponse>();

  const userBody = (userId: string, email: string): Body => {
    const [address] = userShape.email_addresses as Body[];
    return { ...userShape, id: userId, email_addresses: [{ ...address, email_address: email }] };
  };

  const answer = (request: http.IncomingMessage): [number, Body] => {
    if (options.secretKey && request.headers.authorization !== `Bearer ${options.secretKey}`) {
      return [401, { errors: [{ message: 'Invalid authentication', long_message: 'The secret key is not valid.', code: 'authentication_invalid' }] }];
    }
    const match = /^\/v1\/users\/([\w-]+)$/.exec(request.url ?? '');
    if (!match) return [404, notFound];
    const userId = match[1]!;
    if (request.method === 'DELETE') {
      deletions.push(userId);
      if (failingDeletions > 0) {
        failingDeletions -= 1;
        return [503, unavailable];
      }
      if (availability === 'down') return [503, unavailable];
      // Clerk answers 404 for a user it does not have; the deletion job counts that as deleted.
      if (!users.has(userId)) return [404, notFound];
      users.delete(userId);
      return [200, { ...deletedShape, id: userId }];
    }
    if (availability === 'down') return [503, unavailable];
    const email = users.get(userId);
    return request.method === 'GET' && email ? [200, userBody(userId, email)] : [404, notFound];
  };

  const server = http.createServer((request, response) => {
    calls.push(`${request.method} ${request.url}`);
    const [status, body] = answer(request);
    const send = () => {
      held.delete(response);
      if (!response.destroyed) response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (availability !== 'slow') return send();
    held.add(response);
    setTimeout(send, holdMs).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    deletions,
    addUser: (userId, email) => void users.set(userId, email),
    failNext: (count) => void (failingDeletions = count),
    setAvailability: (next, { holdMs: hold = 30_000 } = {}) => {
      availability = next;
      holdMs = hold;
    },
    stop: () =>
      new Promise((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
