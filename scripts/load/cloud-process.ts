import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** What local/cloud-main.ts answers over its IPC channel once a request to its DynamoDB emulator is done. */
const EmulatorAnswer = z.object({ dynamo: z.enum(['stop', 'start']), ok: z.boolean(), error: z.string().optional() });

export interface CloudProcess {
  /** The environment the cloud printed once it served: endpoints, resources, the local sign-in secret. */
  env: Record<string, string>;
  /** SIGKILL, as a crash would: nothing is flushed, nothing is told. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and data folder; resolves once it serves. */
  start(): Promise<void>;
  /** Takes its DynamoDB emulator down (refused connections), or brings it back on the same port and data. */
  dynamo(request: 'stop' | 'start'): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The local cloud (emulators, bridge, functions) as a child process of its own, so that it can be
 * killed with SIGKILL and started again on the same ports and data, as tests/integration/restart.test.ts does.
 */
export async function startCloudProcess(options: { dataDir: string; ports: { s3: number; dynamo: number; realtime: number }; env: Record<string, string> }): Promise<CloudProcess> {
  let child: ChildProcess | null = null;

  const start = async () => {
    const started = spawn(process.execPath, ['--import', 'tsx', 'local/cloud-main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...options.env,
        DATA_DIR: options.dataDir,
        S3_PORT: String(options.ports.s3),
        DYNAMODB_PORT: String(options.ports.dynamo),
        REALTIME_PORT: String(options.ports.realtime),
      },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child = started;
    for await (const line of createInterface({ input: started.stdout! })) {
      if (line.startsWith('ready ')) return JSON.parse(line.slice('ready '.length)) as Record<string, string>;
    }
    throw new Error(`the local cloud exited with ${started.exitCode ?? started.signalCode} before it served`);
  };

  const end = async (signal: 'SIGKILL' | 'SIGTERM') => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };

  const env = await start();
  return {
    env,
    kill: () => end('SIGKILL'),
    start: async () => void (await start()),
    async dynamo(request) {
      const running = child;
      if (!running) throw new Error('the local cloud is not running');
      const answered = new Promise<void>((resolve, reject) => {
        const onMessage = (message: unknown) => {
          const answer = EmulatorAnswer.safeParse(message);
          if (!answer.success || answer.data.dynamo !== request) return;
          running.off('message', onMessage);
          if (answer.data.ok) resolve();
          else reject(new Error(`the local cloud could not ${request} DynamoDB: ${answer.data.error}`));
        };
        running.on('message', onMessage);
        running.once('exit', () => reject(new Error(`the local cloud exited before it could ${request} DynamoDB`)));
      });
      running.send({ dynamo: request });
      await answered;
    },
    stop: () => end('SIGTERM'),
  };
}
