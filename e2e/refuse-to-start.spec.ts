import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';

test('a production server with neither Clerk keys nor the local-accounts opt-in refuses to start, and says why', async () => {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(CLERK_|NEXT_PUBLIC_CLERK_|HEADSHOT_LOCAL_CLOUD$|LOCAL_AUTH$|AUTH_SECRET$)/.test(name)),
  );
  const server = spawn(path.resolve('node_modules/.bin/next'), ['start', '--port', '3199'], { env: env as NodeJS.ProcessEnv });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      resolve(null);
    }, 30_000);
    server.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code).toBe(1);
  expect(output).toContain('Refusing to start: No sign-in is configured');
});
