import { existsSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';

const manifestOf = (packageDir: string) => JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string; optionalDependencies?: Record<string, string> };

/** Copies a package of the project's install into an artifact, if it is exactly the version the artifact wants. */
async function addExactly(name: string, version: string, modules: string, projectRoot: string, wantedBy: string): Promise<void> {
  const source = path.join(projectRoot, 'node_modules', name);
  const have = existsSync(source) ? manifestOf(source).version : 'not installed';
  if (have !== version) {
    throw new Error(`the artifact ships ${wantedBy}, which needs ${name}@${version} to run on this machine; the project's install has ${have} (run npm ci)`);
  }
  await cp(source, path.join(modules, name), { recursive: true });
}

/*
 * What deploys carries sharp's binaries for Lambda's arm64 only, and this machine cannot load
 * those. To run a built artifact here, the binaries of this machine's platform are copied in beside
 * them, from the project's own install, and only at the exact versions the artifact's sharp names:
 * never another sharp's binary. Only the binaries are added: if the artifact lacks sharp itself, it
 * still fails here exactly as it would on Lambda.
 */
export async function addHostSharpBinaries(artifactDir: string, projectRoot: string): Promise<string[]> {
  const modules = path.join(artifactDir, 'node_modules');
  if (!existsSync(path.join(modules, 'sharp'))) return [];
  const sharp = manifestOf(path.join(modules, 'sharp'));
  const platform = `${process.platform}-${process.arch}`;
  const added: string[] = [];
  for (const name of [`@img/sharp-${platform}`, `@img/sharp-libvips-${platform}`]) {
    if (existsSync(path.join(modules, name))) continue;
    const version = sharp.optionalDependencies?.[name];
    if (!version) throw new Error(`the artifact ships sharp ${sharp.version}, which has no build for ${platform}`);
    await addExactly(name, version, modules, projectRoot, `sharp ${sharp.version}`);
    added.push(`${name}@${version}`);
  }
  return added;
}

/** The sharp binary packages an artifact ships, e.g. ["@img/sharp-linux-arm64", ...]. */
export function shippedSharpBinaries(artifactDir: string, cpu: string): { binary: boolean; libvips: boolean } {
  const img = path.join(artifactDir, 'node_modules', '@img');
  return { binary: existsSync(path.join(img, `sharp-linux-${cpu}`)), libvips: existsSync(path.join(img, `sharp-libvips-linux-${cpu}`)) };
}

/**
 * The same for USearch: an artifact ships its Linux binary for Lambda's CPU only, so this machine's is
 * copied in beside it, from the project's install of the same version. An artifact without USearch gets nothing.
 */
export async function addHostUsearchBinary(artifactDir: string, projectRoot: string): Promise<boolean> {
  const usearch = path.join(artifactDir, 'node_modules', 'usearch');
  const prebuilds = path.join(usearch, 'prebuilds');
  const host = `${process.platform}-${process.arch}`;
  if (!existsSync(prebuilds) || existsSync(path.join(prebuilds, host))) return false;
  const shipped = manifestOf(usearch).version;
  const installed = manifestOf(path.join(projectRoot, 'node_modules', 'usearch')).version;
  if (installed !== shipped) throw new Error(`the artifact ships usearch ${shipped}; the project's install, whose ${host} binary would run it here, is ${installed} (run npm ci)`);
  await cp(path.join(projectRoot, 'node_modules', 'usearch', 'prebuilds', host), path.join(prebuilds, host), { recursive: true });
  return true;
}

/**
 * Whether an artifact's USearch would load on Lambda: its binary for that CPU is there, and no binary
 * built on this machine (build/), which node-gyp-build would load first, is.
 */
export function shippedUsearch(artifactDir: string, cpu: string): 'missing' | 'no-binary' | 'built-here' | 'ok' {
  const usearch = path.join(artifactDir, 'node_modules', 'usearch');
  if (!existsSync(usearch)) return 'missing';
  if (existsSync(path.join(usearch, 'build'))) return 'built-here';
  return existsSync(path.join(usearch, 'prebuilds', `linux-${cpu}`)) ? 'ok' : 'no-binary';
}
