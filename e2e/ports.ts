/** Moves every port below by this much, so that two checkouts on one machine can run the suite at once. */
const OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);

const shifted = <T extends Record<string, number>>(ports: T): T => Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, port + OFFSET])) as T;

/** The e2e suite's own ports, so that a running `npm run dev` is left alone. */
export const E2E_PORTS = shifted({ app: 3100, s3: 4668, dynamo: 4667, lambda: 4669, realtime: 4670 });

/** The same build served in Clerk mode (e2e/clerk-server.ts), beside the suite's server and on its emulators. */
export const E2E_CLERK_PORT = 3101 + OFFSET;

/** The ports of the `npm run dev` that e2e/batch-grid.spec.ts starts for itself, beside the suite's production server. */
export const E2E_DEV_PORTS = shifted({ app: 3200, s3: 4768, dynamo: 4767, lambda: 4769, realtime: 4770 });

/**
 * The e2e server's session-signing secret, so that specs can start sessions for accounts they make
 * through lib/ (the sign-up form is limited per address, and every spec's browser has the same one).
 */
export const E2E_AUTH_SECRET = 'e2e-only-secret-that-signs-session-cookies-0123456789';

/** scrypt at 2^12 for the suite's dozens of sign-ups (lib/config.ts allows it under the local cloud only); what the specs test is the same at any cost. */
export const E2E_PASSWORD_HASH_LOG2_COST = '12';
