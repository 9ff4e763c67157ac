import { z } from 'zod';
import { startLocalCloud } from './cloud';
import { dataDirFromEnv } from './data-dir';
import { portFromEnv } from './ports';

/*
 * The local cloud alone, with the functions run in this process: the emulators, the bridge and the
 * sweep's schedule, without Next.js. Tests and the load test's chaos mode, which must kill the whole
 * cloud (kill -9) and start it again on the same data, run it as a child process. It prints one line,
 * `ready <environment as JSON>`, once it serves.
 */
const sweepSeconds = Number(process.env.SWEEP_INTERVAL_SECONDS ?? '60');
if (!Number.isFinite(sweepSeconds) || sweepSeconds <= 0) throw new Error(`SWEEP_INTERVAL_SECONDS must be a positive number, not "${process.env.SWEEP_INTERVAL_SECONDS}".`);

const cloud = await startLocalCloud({
  dataDir: dataDirFromEnv(),
  s3Port: portFromEnv('S3_PORT', 4568),
  dynamoPort: portFromEnv('DYNAMODB_PORT', 4567),
  // A free port unless set: a parent that restarts the cloud sets it, so live connections find the broker again.
  realtimePort: portFromEnv('REALTIME_PORT', 0),
  appOrigins: [],
  sweepIntervalMs: sweepSeconds * 1000,
});
console.log(`ready ${JSON.stringify(cloud.env)}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cloud.stop().then(() => process.exit(0)));
}

/**
 * A parent that started this process with an IPC channel may take the DynamoDB emulator down and bring
 * it back on the same port and data, as an outage would; each request is answered once it is done.
 */
const EmulatorRequest = z.object({ dynamo: z.enum(['stop', 'start']) });
if (process.send) {
  process.on('message', (message: unknown) => {
    const request = EmulatorRequest.safeParse(message);
    if (!request.success) return;
    const done = request.data.dynamo === 'stop' ? cloud.dynamo.stop() : cloud.dynamo.start();
    void done.then(
      () => process.send?.({ dynamo: request.data.dynamo, ok: true }),
      (error: unknown) => process.send?.({ dynamo: request.data.dynamo, ok: false, error: String(error) }),
    );
  });
  // A parent that dies leaves no cloud behind on its ports: this process goes at once, as if killed.
  process.once('disconnect', () => process.exit(0));
}
