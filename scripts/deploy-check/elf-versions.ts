import { open } from 'node:fs/promises';

/*
 * The symbol versions a native binary needs from the system's libraries (glibc's GLIBC_2.x,
 * libstdc++'s GLIBCXX_3.4.x, ...), read from its ELF version-needed section (.gnu.version_r): a
 * binary that needs a newer version than the system has fails to load there. Read here rather than
 * with readelf, which a fresh machine may not have.
 */

const SHT_GNU_VERNEED = 0x6ffffffe;
const ELF_MAGIC = 0x7f454c46;

/** ELF machine numbers of the CPUs functions run on. */
export const ELF_MACHINES: Record<string, number> = { x64: 62, arm64: 183 };

export interface NeededVersions {
  /** e_machine: 62 x86-64, 183 AArch64. */
  machine: number;
  /** Every version needed, by library: { 'libc.so.6': ['GLIBC_2.17', ...] }. */
  byLibrary: Record<string, string[]>;
}

/** Whether a file starts with ELF's magic number. */
export async function isElf(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32BE(0) === ELF_MAGIC;
  } finally {
    await handle.close();
  }
}

/** The versions a 64-bit little-endian ELF file needs; throws on anything else. */
export function neededVersions(elf: Buffer): NeededVersions {
  if (elf.length < 64 || elf.readUInt32BE(0) !== ELF_MAGIC) throw new Error('not an ELF file');
  if (elf[4] !== 2 || elf[5] !== 1) throw new Error('not a 64-bit little-endian ELF file');
  const machine = elf.readUInt16LE(18);
  const sectionsAt = Number(elf.readBigUInt64LE(0x28));
  const sectionSize = elf.readUInt16LE(0x3a);
  const sectionCount = elf.readUInt16LE(0x3c);
  const section = (index: number) => {
    const at = sectionsAt + index * sectionSize;
    return { type: elf.readUInt32LE(at + 4), offset: Number(elf.readBigUInt64LE(at + 24)), link: elf.readUInt32LE(at + 40), info: elf.readUInt32LE(at + 44) };
  };
  const byLibrary: Record<string, string[]> = {};
  for (let index = 0; index < sectionCount; index++) {
    const needs = section(index);
    if (needs.type !== SHT_GNU_VERNEED) continue;
    const strings = section(needs.link).offset;
    const text = (offset: number) => elf.toString('latin1', strings + offset, elf.indexOf(0, strings + offset));
    // Verneed entries (one per library), each with a chain of Vernaux entries (one per version).
    for (let entry = needs.offset, left = needs.info; left > 0; left--) {
      const library = text(elf.readUInt32LE(entry + 4));
      const versions = (byLibrary[library] ??= []);
      for (let aux = entry + elf.readUInt32LE(entry + 8), count = elf.readUInt16LE(entry + 2); count > 0; count--) {
        versions.push(text(elf.readUInt32LE(aux + 8)));
        const next = elf.readUInt32LE(aux + 12);
        if (next === 0) break;
        aux += next;
      }
      const next = elf.readUInt32LE(entry + 12);
      if (next === 0) break;
      entry += next;
    }
  }
  return { machine, byLibrary };
}

/** Compares dotted version numbers: "2.34" > "2.28", "3.4.29" > "3.4.9". */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The highest version of one family a binary needs ("GLIBC" → "2.34"), or null if it needs none. */
export function highestVersion(needed: NeededVersions, family: string): string | null {
  const versions = Object.values(needed.byLibrary)
    .flat()
    .filter((name) => name.startsWith(`${family}_`) && /^\d+(\.\d+)*$/.test(name.slice(family.length + 1)))
    .map((name) => name.slice(family.length + 1));
  return versions.sort(compareVersions).at(-1) ?? null;
}
