import path from 'node:path';
import { startLocalCloud } from './cloud';
import { appAndEmulatorPorts, claimPortsOrExit } from './ports';
import { runToCompletion, startChild, stopTogether } from './processes';

/*
 * `npm start`: a production build (`next build` first) on the local cloud, with the functions run
 * in this process. The e2e suite and the benchmarks use it.
 */
const { ports, claims } = appAndEmulatorPorts();
await claimPortsOrExit(claims);

const cloud = await startLocalCloud({
  dataDir: path.resolve(process.env.DATA_DIR ?? '.data'),
  s3Port: ports.s3,
  dynamoPort: ports.dynamo,
  appOrigins: [`http://localhost:${ports.app}`, `http://127.0.0.1:${ports.app}`],
});

// Data from earlier versions is brought up to this one before anything reads it.
await runToCompletion('tsx', ['scripts/migrate.ts'], cloud.env);
// Not bound to 127.0.0.1: clerkMiddleware would proxy the request to itself in a loop.
const next = startChild('tsx', ['local/next-server.ts'], { ...cloud.env, PORT: String(ports.app), NODE_ENV: 'production' });
console.log(`headshot (production build) on http://localhost:${ports.app}`);
stopTogether([next], () => cloud.stop());
