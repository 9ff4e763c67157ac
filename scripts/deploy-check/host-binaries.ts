import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';

/*
 * What deploys carries sharp's binaries for Lambda's arm64 only, and this machine cannot load
 * those. To run a built artifact here, the binaries of this machine's platform are copied in beside
 * them, from the project's own install of the same sharp version. Only the binaries are added: if the
 * artifact lacks sharp itself, it still fails here exactly as it would on Lambda.
 */
export async function addHostSharpBinaries(artifactDir: string, projectRoot: string): Promise<string[]> {
  const modules = path.join(artifactDir, 'node_modules');
  if (!existsSync(path.join(modules, 'sharp'))) return [];
  const platform = `${process.platform}-${process.arch}`;
  const added: string[] = [];
  for (const name of [`@img/sharp-${platform}`, `@img/sharp-libvips-${platform}`]) {
    if (existsSync(path.join(modules, name))) continue;
    await cp(path.join(projectRoot, 'node_modules', name), path.join(modules, name), { recursive: true });
    added.push(name);
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
 * copied in beside it, from the project's install. An artifact without USearch gets nothing.
 */
export async function addHostUsearchBinary(artifactDir: string, projectRoot: string): Promise<boolean> {
  const prebuilds = path.join(artifactDir, 'node_modules', 'usearch', 'prebuilds');
  const host = `${process.platform}-${process.arch}`;
  if (!existsSync(prebuilds) || existsSync(path.join(prebuilds, host))) return false;
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
