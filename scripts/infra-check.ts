/*
 * npm run infra:check — type-checks sst.config.ts and infra/ against the SST platform, offline.
 *
 * 1. `sst install` writes the platform (components, Pulumi providers, config.d.ts) to .sst/platform,
 *    offline (see installPlatform). Re-running it is safe.
 * 2. The TypeScript compiler checks sst.config.ts and infra/ (tsconfig.infra.json) against it: they must be clean.
 */
import path from 'node:path';
import ts from 'typescript';
import { installPlatform, platformDir, repoRoot as root } from './sst-platform';

/**
 * Diagnostics of sst.config.ts and infra/ only. The platform ships as TypeScript source written for
 * looser flags than ours; asking for our files' diagnostics alone checks only the parts of it they
 * use, instead of all of it (a sixth of the check's time).
 */
function checkTypes(): readonly ts.Diagnostic[] {
  const configPath = path.join(root, 'tsconfig.infra.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`Could not read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  const own = program.getSourceFiles().filter((file) => !file.fileName.startsWith(`${path.join(root, '.sst')}${path.sep}`) && !file.fileName.includes(`${path.sep}node_modules${path.sep}`));
  return [
    ...parsed.errors,
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
}

function main(): void {
  installPlatform();
  const own = checkTypes();
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
  console.log(`infra:check: sst.config.ts and infra/ type-check against SST ${readPlatformVersion()}`);
}

function readPlatformVersion(): string {
  return ts.sys.readFile(path.join(platformDir, 'version'))?.trim() ?? 'unknown';
}

main();
