import { startLocalCloud } from './cloud';
import { dataDirFromEnv, shownPath } from './data-dir';
import { startInvokeServer } from './invoke-server';
import { appAndEmulatorPorts, claimPortsOrExit, portFromEnv } from './ports';
import { runToCompletion, startChild, stopTogether } from './processes';

/*
 * `npm start`: a production build (`next build` first) on the local cloud, with the functions run
 * in this process. The e2e suite and the benchmarks use it.
 */
const { ports: appPorts, claims } = appAndEmulatorPorts();
const ports = { ...appPorts, lambda: portFromEnv('LAMBDA_PORT', 4569) };
await claimPortsOrExit([...claims, { port: ports.lambda, what: 'the local Lambda Invoke API', variable: 'LAMBDA_PORT' }]);

const dataDir = dataDirFromEnv();
const cloud = await startLocalCloud({
  dataDir,
  s3Port: ports.s3,
  dynamoPort: ports.dynamo,
  realtimePort: ports.realtime,
  appOrigins: [`http://localhost:${ports.app}`, `http://127.0.0.1:${ports.app}`],
});

// The site invokes describe-faces as it would on AWS; the function runs here, like the bridge's.
const invoke = await startInvokeServer(ports.lambda);
const env = { ...cloud.env, AWS_ENDPOINT_URL_LAMBDA: invoke.endpoint };

// Data from earlier versions is brought up to this one before anything reads it.
await runToCompletion('tsx', ['scripts/migrate.ts'], env);
// Not bound to 127.0.0.1: clerkMiddleware would proxy the request to itself in a loop.
const next = startChild('tsx', ['local/next-server.ts'], { ...env, PORT: String(ports.app), NODE_ENV: 'production' });
console.log(`headshot (production build) on http://localhost:${ports.app}, data in ${shownPath(dataDir)}`);
stopTogether([next], async () => {
  await invoke.stop();
  await cloud.stop();
});
