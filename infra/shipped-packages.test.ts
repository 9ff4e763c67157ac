import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { faceSearchCopies, USEARCH_RUNTIME_DEPENDENCIES } from './shipped-packages';

const modules = path.resolve(import.meta.dirname, '..', 'node_modules');
const dependenciesOf = (name: string): string[] => Object.keys((JSON.parse(readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {});

describe('shipped packages', () => {
  it('copy every package USearch loads at run time, and nothing it needs only to compile', () => {
    const closure = new Set<string>();
    const visit = (name: string) => {
      for (const dependency of dependenciesOf(name)) {
        if (closure.has(dependency)) continue;
        closure.add(dependency);
        visit(dependency);
      }
    };
    visit('usearch');
    expect([...closure].filter((name) => name !== 'node-addon-api').sort()).toEqual([...USEARCH_RUNTIME_DEPENDENCIES].sort());
  });

  it('copy paths that exist in the install, with the binary for the CPU asked for', () => {
    for (const cpu of ['arm64', 'x64']) {
      const copies = faceSearchCopies(cpu);
      for (const { from, to } of copies) {
        expect(existsSync(path.resolve(modules, '..', from)), from).toBe(true);
        expect(to).toBe(from);
      }
      expect(copies.map((copy) => copy.from)).toContain(`node_modules/usearch/prebuilds/linux-${cpu}`);
    }
  });
});
