import { startLocalCloud } from './cloud';
import { dataDirFromEnv } from './data-dir';
import { devBanner } from './dev-banner';
import { httpInvoker } from './invoke-http';
import { appAndEmulatorPorts, claimPortsOrExit, portFromEnv } from './ports';
import { runToCompletion, startChild, stopTogether } from './processes';

/*
 * `npm run dev`: the emulators, the event bridge, the functions under a reloading runtime, and
 * `next dev`, all on this machine and with no AWS account.
 */
const { ports: appPorts, claims } = appAndEmulatorPorts();
const ports = { ...appPorts, lambda: portFromEnv('LAMBDA_PORT', 4569) };
await claimPortsOrExit([...claims, { port: ports.lambda, what: 'the local Lambda runtime', variable: 'LAMBDA_PORT' }]);

const dataDir = dataDirFromEnv();
const cloud = await startLocalCloud({
  dataDir,
  s3Port: ports.s3,
  dynamoPort: ports.dynamo,
  realtimePort: ports.realtime,
  appOrigins: [`http://localhost:${ports.app}`, `http://127.0.0.1:${ports.app}`],
  invoke: httpInvoker(`http://127.0.0.1:${ports.lambda}`),
});

const env = { ...cloud.env, LAMBDA_PORT: String(ports.lambda), AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${ports.lambda}` };
// Data from earlier versions is brought up to this one before anything reads it.
await runToCompletion('tsx', ['scripts/migrate.ts'], env);
const runtime = startChild('tsx', ['watch', '--clear-screen=false', 'local/lambda-runtime.ts'], env);
const next = startChild('tsx', ['local/next-server.ts', '--dev'], { ...env, PORT: String(ports.app) });

console.log(devBanner({ app: `http://localhost:${ports.app}`, dataDir, env: cloud.env, functions: `http://127.0.0.1:${ports.lambda}` }));

stopTogether([runtime, next], () => cloud.stop());
