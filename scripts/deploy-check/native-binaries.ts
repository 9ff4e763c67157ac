import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { compareVersions, ELF_MACHINES, highestVersion, isElf, neededVersions } from './elf-versions';

/*
 * Lambda's Node.js 22 runs on Amazon Linux 2023, whose glibc is 2.34 and whose libstdc++ provides
 * GLIBCXX_3.4.29: a shipped binary that needs anything newer fails to load there, whatever it did here.
 */
export const AMAZON_LINUX_2023 = { GLIBC: '2.34', GLIBCXX: '3.4.29' } as const;

export interface ShippedBinary {
  /** Its path inside the artifact. */
  file: string;
  glibc: string | null;
  glibcxx: string | null;
  /** Within Amazon Linux 2023's versions. */
  fits: boolean;
}

/** Native code files: Node addons and shared libraries (libvips-cpp.so.8.18.7). */
const NATIVE_FILE = /\.node$|\.so(\.\d+)*$/;

/** Every native binary an artifact ships for one CPU (e.g. "arm64"), with the highest glibc and libstdc++ versions each needs. */
export async function shippedBinaries(artifactDir: string, cpu: string): Promise<ShippedBinary[]> {
  const machine = ELF_MACHINES[cpu];
  const entries = await readdir(artifactDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && NATIVE_FILE.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
  const binaries: ShippedBinary[] = [];
  for (const file of files.sort()) {
    if (!(await isElf(file))) continue;
    const needed = neededVersions(await readFile(file));
    if (needed.machine !== machine) continue;
    const glibc = highestVersion(needed, 'GLIBC');
    const glibcxx = highestVersion(needed, 'GLIBCXX');
    const fits = compareVersions(glibc ?? '0', AMAZON_LINUX_2023.GLIBC) <= 0 && compareVersions(glibcxx ?? '0', AMAZON_LINUX_2023.GLIBCXX) <= 0;
    binaries.push({ file: path.relative(artifactDir, file), glibc, glibcxx, fits });
  }
  return binaries;
}

/** "usearch.node GLIBC_2.34 GLIBCXX_3.4.29": a binary's figures, for the report. */
export function describeBinary(binary: ShippedBinary): string {
  return [path.basename(binary.file), binary.glibc && `GLIBC_${binary.glibc}`, binary.glibcxx && `GLIBCXX_${binary.glibcxx}`].filter(Boolean).join(' ');
}
