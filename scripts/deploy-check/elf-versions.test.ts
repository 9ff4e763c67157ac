import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../sst-platform';
import { compareVersions, ELF_MACHINES, highestVersion, neededVersions } from './elf-versions';

const modules = path.join(repoRoot, 'node_modules');

test('USearch’s arm64 binary needs glibc 2.34 and GLIBCXX_3.4.29, read from its version-needed section', () => {
  const needed = neededVersions(readFileSync(path.join(modules, 'usearch', 'prebuilds', 'linux-arm64', 'usearch.node')));
  expect(needed.machine).toBe(ELF_MACHINES.arm64);
  expect(needed.byLibrary['libc.so.6']).toContain('GLIBC_2.34');
  expect(highestVersion(needed, 'GLIBC')).toBe('2.34');
  expect(highestVersion(needed, 'GLIBCXX')).toBe('3.4.29');
});

test('sharp’s x64 binary is read as x86-64 and names its libraries’ versions', () => {
  const { version } = JSON.parse(readFileSync(path.join(modules, '@img', 'sharp-linux-x64', 'package.json'), 'utf8')) as { version: string };
  const addon = readFileSync(path.join(modules, '@img', 'sharp-linux-x64', 'lib', `sharp-linux-x64-${version}.node`));
  const needed = neededVersions(addon);
  expect(needed.machine).toBe(ELF_MACHINES.x64);
  expect(Object.keys(needed.byLibrary)).toContain('libstdc++.so.6');
  expect(highestVersion(needed, 'GLIBC')).toMatch(/^2\.\d+$/);
  expect(highestVersion(needed, 'NOSUCH')).toBeNull();
});

test('anything but an ELF file is refused', () => {
  expect(() => neededVersions(Buffer.from('#!/bin/sh\necho not a binary\n'.padEnd(80)))).toThrow('not an ELF file');
});

test('versions compare by number, not by text', () => {
  expect(compareVersions('2.34', '2.4')).toBeGreaterThan(0);
  expect(compareVersions('3.4.29', '3.4.30')).toBeLessThan(0);
  expect(compareVersions('2.34', '2.34.0')).toBe(0);
});
