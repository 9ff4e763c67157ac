import { tableLink } from './access';
import { table } from './database';
import { FUNCTION_ARCHITECTURE, FUNCTION_RUNTIME, handlerOf, serviceFunctionSpecs } from './function-specs';
import { functionAlarms } from './monitoring';
import { secrets } from './secrets';
import { SITE_ENVIRONMENT_SECRETS } from './site-build';

const spec = serviceFunctionSpecs().liveAuthorizer;

/*
 * Live updates: AWS IoT, MQTT over WebSocket. Browsers connect with a token the site issues; the
 * authorizer checks it with the site's own sign-in secret (so it gets the same secrets), and reads
 * the table to see that the account is open and a local session still exists. Functions publish to
 * their users' topics through IoT's Data Plane (realtimeLink).
 */
export const realtime = new sst.aws.Realtime('Realtime', {
  authorizer: {
    handler: handlerOf(spec),
    description: spec.description,
    runtime: FUNCTION_RUNTIME,
    architecture: FUNCTION_ARCHITECTURE,
    memory: `${spec.memoryMb} MB`,
    timeout: `${spec.timeoutSeconds} seconds`,
    environment: {
      ...spec.environment,
      ...Object.fromEntries(Object.entries(SITE_ENVIRONMENT_SECRETS).map(([variable, secret]) => [variable, secrets[secret].value])),
    },
    link: [tableLink(table)],
    logging: { retention: '1 month' },
  },
});

functionAlarms(spec.component, realtime.nodes.authHandler.apply((fn) => fn.name));
