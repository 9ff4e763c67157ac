import { devBanner } from './dev-banner';
import { httpInvoker } from './invoke-http';
import { runToCompletion, startChild, stopTogether } from './processes';
import { startAppCloud } from './start-app-cloud';

/*
 * `npm run dev`: the emulators, the event bridge, the functions under a reloading runtime, and
 * `next dev`, all on this machine and with no AWS account.
 */
const { cloud, ports, dataDir } = await startAppCloud({ lambdaWhat: 'the local Lambda runtime', invoke: (port) => httpInvoker(`http://127.0.0.1:${port}`) });

const env = { ...cloud.env, LAMBDA_PORT: String(ports.lambda), AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${ports.lambda}` };
// Data from earlier versions is brought up to this one before anything reads it.
await runToCompletion('tsx', ['scripts/migrate.ts'], env);
const runtime = startChild('tsx', ['watch', '--clear-screen=false', 'local/lambda-runtime.ts'], env);
const next = startChild('tsx', ['local/next-server.ts', '--dev'], { ...env, PORT: String(ports.app) });

console.log(devBanner({ app: `http://localhost:${ports.app}`, dataDir, env: cloud.env, functions: `http://127.0.0.1:${ports.lambda}` }));

stopTogether([runtime, next], () => cloud.stop());
