import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OPEN_NEXT_VERSION, SITE_ENVIRONMENT_SECRETS } from '../../infra/site-build';
import { LOCAL_RESOURCES } from '../../local/env';
import { CLERK_PUBLISHABLE_KEY } from './clerk-instance';

/*
 * The site built the way `sst deploy` builds it (SST's Nextjs component, base-ssr-site.ts): the same
 * command in the project root, with SST=1, this environment, the site's `environment` and its links.
 */

/**
 * Stand-ins for the site's secrets: shaped like Clerk's, so a build step that parses them would pass.
 * The publishable key is a production one, as a deployment's is: it is baked into the client at build time.
 */
const PLACEHOLDER_SECRETS: Record<string, string> = {
  ClerkSecretKey: 'sk_live_deploycheckplaceholder',
  ClerkPublishableKey: CLERK_PUBLISHABLE_KEY,
  ClerkJwtKey: '-----BEGIN PUBLIC KEY-----\nplaceholder\n-----END PUBLIC KEY-----',
  ClerkWebhookSigningSecret: `whsec_${Buffer.from('deploy-check-placeholder-secret').toString('base64')}`,
};

/** What SST passes a linked resource as, with the local cloud's names. */
export function linkEnvironment(): Record<string, string> {
  return {
    SST_RESOURCE_App: JSON.stringify({ name: 'headshot', stage: 'deploy-check' }),
    ...Object.fromEntries(Object.entries(LOCAL_RESOURCES).map(([name, value]) => [`SST_RESOURCE_${name}`, JSON.stringify(value)])),
  };
}

export function siteBuildEnvironment(): Record<string, string> {
  const secrets = Object.fromEntries(
    Object.entries(SITE_ENVIRONMENT_SECRETS).map(([variable, secret]) => [variable, PLACEHOLDER_SECRETS[secret] ?? `placeholder-${secret}`]),
  );
  return { SST: '1', ...(process.env as Record<string, string>), ...secrets, ...linkEnvironment() };
}

export const OPEN_NEXT_COMMAND = ['npx', '--yes', `@opennextjs/aws@${OPEN_NEXT_VERSION}`, 'build'] as const;

/** Lines OpenNext prints when an install it treats as optional failed; the build still succeeds. */
const OPTIONAL_FAILURE = /Could not install dependencies|ENOTFOUND|EAI_AGAIN/;

export interface SiteBuild {
  serverDir: string;
  warnings: string[];
  log: string;
}

/** Where OpenNext leaves the server function it built. */
export function siteServerDir(root: string): string {
  return path.join(root, '.open-next', 'server-functions', 'default');
}

export async function buildSite(root: string, env: Record<string, string>, logFile: string, options: { reuse?: boolean } = {}): Promise<SiteBuild> {
  const serverDir = siteServerDir(root);
  if (options.reuse && existsSync(path.join(serverDir, 'index.mjs'))) return { serverDir, warnings: [], log: '' };
  const log = createWriteStream(logFile);
  const [command, ...args] = OPEN_NEXT_COMMAND;
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  await new Promise((resolve) => log.end(resolve));
  const output = await readFile(logFile, 'utf8');
  if (code !== 0) throw new Error(`\`${OPEN_NEXT_COMMAND.join(' ')}\` exited with ${code}; its output is in ${logFile}:\n${output.split('\n').slice(-30).join('\n')}`);
  const warnings = output.split('\n').filter((line) => OPTIONAL_FAILURE.test(line));
  return { serverDir, warnings, log: output };
}
