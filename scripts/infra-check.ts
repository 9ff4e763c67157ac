/*
 * npm run infra:check — type-checks sst.config.ts and infra/ against the SST platform, offline.
 *
 * 1. `sst install` writes the platform (components, Pulumi providers, config.d.ts) to .sst/platform,
 *    offline (see installPlatform). Re-running it is safe.
 * 2. The TypeScript compiler checks tsconfig.infra.json. The platform ships as TypeScript source, so it
 *    is compiled with our flags too; it is not written for noUncheckedIndexedAccess, so diagnostics
 *    inside .sst/ are counted and left out. Everything in sst.config.ts and infra/ must be clean.
 */
import path from 'node:path';
import ts from 'typescript';
import { installPlatform, platformDir, repoRoot as root } from './sst-platform';

interface InfraDiagnostics {
  /** Problems in sst.config.ts and infra/: these fail the check. */
  own: readonly ts.Diagnostic[];
  /** Problems inside the SST platform's own source under our stricter flags: reported as a count only. */
  platform: number;
}

function checkTypes(): InfraDiagnostics {
  const configPath = path.join(root, 'tsconfig.infra.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`Could not read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  const all = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
  const insideSst = (diagnostic: ts.Diagnostic) => diagnostic.file?.fileName.startsWith(`${path.join(root, '.sst')}${path.sep}`) ?? false;
  return { own: all.filter((diagnostic) => !insideSst(diagnostic)), platform: all.filter(insideSst).length };
}

function main(): void {
  installPlatform();
  const { own, platform } = checkTypes();
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  };
  if (own.length > 0) {
    process.stderr.write(ts.formatDiagnosticsWithColorAndContext(own, host));
    process.stderr.write(`\ninfra:check: ${own.length} type error(s) in sst.config.ts / infra/\n`);
    process.exit(1);
  }
  console.log(`infra:check: sst.config.ts and infra/ type-check against SST ${readPlatformVersion()} (${platform} diagnostics inside .sst/platform ignored)`);
}

function readPlatformVersion(): string {
  return ts.sys.readFile(path.join(platformDir, 'version'))?.trim() ?? 'unknown';
}

main();
