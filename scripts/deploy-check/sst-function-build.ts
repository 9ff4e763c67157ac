import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { FUNCTION_ARCHITECTURE, FUNCTION_RUNTIME, handlerOf, type FunctionSpec } from '../../infra/function-specs';
import { readLockedVersions } from '../../infra/locked-versions';
import { npmCpu } from '../../infra/site-build';

const execFileAsync = promisify(execFile);

/*
 * A Lambda function built the way SST 4.17 builds one (its Go runtime, pkg/runtime/node/build.go):
 * one ESM bundle with SST's banner, the AWS SDK bundled, `nodejs.install` packages left external and
 * installed with npm for Lambda's platform, and `copyFiles` added beside the bundle.
 */

/** SST's ESM banner, verbatim: CommonJS dependencies inside the bundle need require and __dirname. */
export const SST_ESM_BANNER = [
  "import { createRequire as topLevelCreateRequire } from 'module';",
  'const require = topLevelCreateRequire(import.meta.url);',
  'import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"',
  'const __filename = topLevelFileUrlToPath(import.meta.url)',
  'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
  '',
].join('\n');

/** SST's target per runtime. */
const TARGETS: Record<string, string> = { 'nodejs24.x': 'es2024', 'nodejs22.x': 'es2023', 'nodejs20.x': 'es2023' };

/** Packages that load a native binary from their own folder at run time, so they cannot be bundled. */
const NATIVE_PACKAGES = ['sharp', 'usearch'];

/** Packages SST always leaves out of the bundle. */
const ALWAYS_EXTERNAL = ['sharp', 'pg-native'];

export function esbuildOptions(root: string, spec: FunctionSpec, outDir: string): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: [path.join(root, handlerOf(spec).replace(/\.handler$/, '.ts'))],
    platform: 'node',
    format: 'esm',
    target: TARGETS[FUNCTION_RUNTIME],
    bundle: true,
    splitting: false,
    metafile: true,
    write: true,
    outfile: path.join(outDir, 'bundle.mjs'),
    sourcemap: 'linked',
    keepNames: true,
    mainFields: ['module', 'main'],
    // SST's order: its own, then nodejs.install, then nodejs.esbuild.external.
    external: [...ALWAYS_EXTERNAL, ...spec.install, ...spec.shipped],
    banner: { js: SST_ESM_BANNER },
    logLevel: 'silent',
  };
}

/** What infra/functions.ts hands SST as `nodejs.install`, SST's package.json for the install: each package at the version package-lock.json locks. */
function installManifest(root: string, packages: string[]): string {
  return `${JSON.stringify({ dependencies: readLockedVersions(root, [...packages].sort()) })}\n`;
}

/**
 * The folders above a bundle's where Node would look for packages the bundle does not ship
 * (…/node_modules): a bundle must be built and run where there are none, as in Lambda's /var/task.
 */
export function modulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let parent = path.dirname(path.resolve(dir)); ; parent = path.dirname(parent)) {
    if (existsSync(path.join(parent, 'node_modules'))) found.push(path.join(parent, 'node_modules'));
    if (path.dirname(parent) === parent) return found;
  }
}

/** SST's install command; --platform and --arch are what it passes, --os, --cpu and --libc what npm 11 reads. */
export function sstInstallArgs(packages: string[]): string[] {
  const cpu = npmCpu(FUNCTION_ARCHITECTURE);
  return ['install', '--force', '--platform=linux', '--os=linux', `--arch=${cpu}`, `--cpu=${cpu}`, ...(packages.includes('sharp') ? ['--libc=glibc'] : [])];
}

export interface BuiltFunction {
  spec: FunctionSpec;
  dir: string;
  /** Packages the bundle imports at run time that are not installed beside it: it would fail to load on Lambda. */
  missingPackages: string[];
  /** Packages with native binaries that were bundled: their binary is not beside them, so they would fail to load. */
  bundledNative: string[];
  /** What SST zips: everything but the bundle's own source map, which it uploads apart (packages keep theirs). */
  bytes: number;
}

/**
 * npm installs already made, by their package.json: bundles with the same install set (sharp; sharp and
 * the face model) get the tree npm made for the first, copied, instead of npm unpacking the same
 * packages again (about 4 CPU seconds each for the model's).
 */
export type InstallCache = Map<string, Promise<string>>;

/** Builds one function into outDir; throws with npm's or esbuild's own output when a step fails. */
export async function buildFunction(root: string, spec: FunctionSpec, outDir: string, options: { reuse?: boolean; installs?: InstallCache } = {}): Promise<BuiltFunction> {
  const ownSourceMap = path.join(outDir, 'bundle.mjs.map');
  if (options.reuse && existsSync(path.join(outDir, 'bundle.mjs'))) return { spec, dir: outDir, missingPackages: [], bundledNative: [], bytes: directoryBytes(outDir, (file) => file !== ownSourceMap) };
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const { metafile } = await build(esbuildOptions(root, spec, outDir));
  const missingPackages = externalPackages(metafile!).filter((name) => !spec.install.includes(name) && !spec.shipped.includes(name));
  const bundledNative = NATIVE_PACKAGES.filter((name) => Object.keys(metafile!.inputs).some((input) => input.startsWith(`node_modules/${name}/`)));
  if (spec.install.length > 0) {
    const manifest = installManifest(root, spec.install);
    await writeFile(path.join(outDir, 'package.json'), manifest);
    const installs = options.installs ?? new Map<string, Promise<string>>();
    let installed = installs.get(manifest);
    if (!installed) {
      // Named by what it installs, so that builds which share no cache never share a folder for different sets.
      installed = npmInstall(spec, manifest, path.join(outDir, '..', '.installs', createHash('sha256').update(manifest).digest('hex').slice(0, 12)));
      installs.set(manifest, installed);
    }
    const tree = await installed;
    for (const name of ['node_modules', 'package-lock.json']) await cp(path.join(tree, name), path.join(outDir, name), { recursive: true, verbatimSymlinks: true });
  }
  for (const file of spec.copyFiles) await cp(path.join(root, file.from), path.join(outDir, file.to), { recursive: true });
  return { spec, dir: outDir, missingPackages, bundledNative, bytes: directoryBytes(outDir, (file) => file !== ownSourceMap) };
}

/** SST's install of a function's `nodejs.install` packages, in a folder of its own that bundles copy from. */
async function npmInstall(spec: FunctionSpec, manifest: string, dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), manifest);
  await execFileAsync('npm', [...sstInstallArgs(spec.install), '--no-audit', '--no-fund'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`npm install for ${spec.name} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  });
  return dir;
}

/** The packages (not Node's built-in modules) a bundle leaves to be loaded at run time. */
function externalPackages(metafile: Metafile): string[] {
  const imported = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external).map((entry) => entry.path));
  const packages = imported
    .filter((name) => !name.startsWith('node:') && !isBuiltin(name))
    .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!));
  return [...new Set(packages)].sort();
}

export function directoryBytes(dir: string, include: (name: string) => boolean = () => true): number {
  const du = spawnSync('find', [dir, '-type', 'f', '-printf', '%s %p\\n'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return du.stdout
    .split('\n')
    .filter(Boolean)
    .reduce((total, line) => {
      const space = line.indexOf(' ');
      return include(line.slice(space + 1)) ? total + Number(line.slice(0, space)) : total;
    }, 0);
}
