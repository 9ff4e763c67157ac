import { startInvokeServer } from './invoke-server';
import { portFromEnv } from './ports';

/*
 * The functions/ handlers behind Lambda's Invoke API path. `npm run dev` runs this file under
 * `tsx watch`, which restarts it when a handler or anything it imports changes: the offline twin of
 * `sst dev`'s live Lambdas. The event bridge posts each SQS batch here.
 */
const server = await startInvokeServer(portFromEnv('LAMBDA_PORT', 4569));
process.send?.('ready');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void server.stop().then(() => process.exit(0)));
