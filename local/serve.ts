import { shownPath } from './data-dir';
import { startInvokeServer } from './invoke-server';
import { runToCompletion, startChild, stopTogether } from './processes';
import { startAppCloud } from './start-app-cloud';

/*
 * `npm start`: a production build (`next build` first) on the local cloud, with the functions run
 * in this process. The e2e suite and the benchmarks use it.
 */
const { cloud, ports, dataDir } = await startAppCloud({ lambdaWhat: 'the local Lambda Invoke API' });

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
