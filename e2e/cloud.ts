import { localCloudEnv } from '../local/env';
import { E2E_AUTH_SECRET, E2E_PASSWORD_HASH_LOG2_COST, E2E_PORTS } from './ports';

/**
 * Lets a spec reach the e2e server's emulators through lib/, for states a browser cannot make
 * (an event that failed every attempt). Call before importing lib/.
 */
export function connectE2eCloud(): void {
  Object.assign(process.env, localCloudEnv({ s3: `http://127.0.0.1:${E2E_PORTS.s3}`, dynamo: `http://127.0.0.1:${E2E_PORTS.dynamo}` }), { AUTH_SECRET: E2E_AUTH_SECRET, PASSWORD_HASH_LOG2_COST: E2E_PASSWORD_HASH_LOG2_COST });
}
