import { liveAuthorizerPartitionKeys } from '../lib/realtime/live-authorizer-reads';
import { tableGetItemLink } from './access';
import { table } from './database';
import { FUNCTION_ARCHITECTURE, FUNCTION_RUNTIME, handlerOf, serviceFunctionSpecs, XRAY_WRITE } from './function-specs';
import { functionAlarms } from './monitoring';
import { secretEnvironment } from './secrets';

const spec = serviceFunctionSpecs().liveAuthorizer;

/** SST's name for the authorizer function of the Realtime component below. */
const AUTHORIZER_FUNCTION = 'RealtimeAuthorizerHandler';

/*
 * Anyone can invoke the authorizer through IoT, so it holds only what its check needs. SST's
 * Realtime gives it iot:* on every resource; it calls nothing of IoT's (the policy it returns is what
 * binds a browser), so that goes. It keeps what every function is given to send its traces.
 */
$transform(sst.aws.Function, (args, _opts, name) => {
  if (name === AUTHORIZER_FUNCTION) args.permissions = [XRAY_WRITE];
});

/*
 * Live updates: AWS IoT, MQTT over WebSocket. Browsers connect with a token the site issues; the
 * authorizer checks it with the token key alone (derived here from the site's sign-in secret, as the
 * site derives it), and reads two items (GetItem, no more) to see that the account is open and a
 * local session still exists. Functions publish to their users' topics through IoT's Data Plane
 * (realtimeLink).
 */
export const realtime = new sst.aws.Realtime('Realtime', {
  authorizer: {
    handler: handlerOf(spec),
    description: spec.description,
    runtime: FUNCTION_RUNTIME,
    architecture: FUNCTION_ARCHITECTURE,
    memory: `${spec.memoryMb} MB`,
    timeout: `${spec.timeoutSeconds} seconds`,
    environment: { ...spec.environment, ...secretEnvironment(spec) },
    // Its one link, the table, narrowed to GetItem on two items.
    link: spec.links.map((name) => {
      if (name !== 'Table') throw new Error(`The live authorizer links ${name}, which it has no narrowed link for`);
      return tableGetItemLink(table, liveAuthorizerPartitionKeys());
    }),
    logging: { retention: '1 month' },
  },
});

functionAlarms(spec.component, realtime.nodes.authHandler.apply((fn) => fn.name));
