import { startLocalCloud } from './cloud';
import { dataDirFromEnv } from './data-dir';
import { portFromEnv } from './ports';

/*
 * The local cloud alone, with the functions run in this process: the emulators, the bridge and the
 * sweep's schedule, without Next.js. Tests that must kill the whole cloud (kill -9) and start it
 * again on the same data run it as a child process. It prints one line, `ready <environment as JSON>`,
 * once it serves.
 */
const sweepSeconds = Number(process.env.SWEEP_INTERVAL_SECONDS ?? '60');
if (!Number.isFinite(sweepSeconds) || sweepSeconds <= 0) throw new Error(`SWEEP_INTERVAL_SECONDS must be a positive number, not "${process.env.SWEEP_INTERVAL_SECONDS}".`);

const cloud = await startLocalCloud({
  dataDir: dataDirFromEnv(),
  s3Port: portFromEnv('S3_PORT', 4568),
  dynamoPort: portFromEnv('DYNAMODB_PORT', 4567),
  appOrigins: [],
  sweepIntervalMs: sweepSeconds * 1000,
});
console.log(`ready ${JSON.stringify(cloud.env)}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cloud.stop().then(() => process.exit(0)));
}
