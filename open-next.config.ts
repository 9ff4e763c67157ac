import type { InstallOptions, OpenNextConfig } from '@opennextjs/aws/types/open-next.js';
import { npmCpu, SITE_SERVER_ARCHITECTURE, SITE_SERVER_RUNTIME } from './infra/site-build';
// Inlined when OpenNext bundles this file, so the deployed sharp is the one the tests ran against.
import sharpPackage from './node_modules/sharp/package.json' with { type: 'json' };
import usearchPackage from './node_modules/usearch/package.json' with { type: 'json' };

/*
 * OpenNext leaves sharp and its @img binaries out of the server function on purpose (it traces them
 * for the build machine's platform), and the app imports sharp at run time for share cards and
 * crops: without this, every page that reaches lib/ answers 500 on AWS. OpenNext installs the
 * packages below for Lambda's platform instead. npm 11 ignores `--arch`, so the CPU is also passed
 * as `--cpu`, or npm would install this machine's binaries.
 */
const cpu = npmCpu(SITE_SERVER_ARCHITECTURE);
const sharpForLambda: InstallOptions = {
  packages: [`sharp@${sharpPackage.version}`],
  arch: cpu,
  libc: 'glibc',
  nodeVersion: SITE_SERVER_RUNTIME.replace(/^nodejs(\d+)\.x$/, '$1'),
  additionalArgs: `--cpu=${cpu}`,
};
/*
 * USearch (face search) ships its binaries for every platform in its package. Its install script is
 * skipped: it would test the arm64 binary on this x64 machine, fail, and compile an x64 one that it
 * then prefers at run time. sharp needs no script either: its binaries are packages of their own.
 */
const serverPackages: InstallOptions = {
  ...sharpForLambda,
  packages: [...sharpForLambda.packages, `usearch@${usearchPackage.version}`],
  additionalArgs: `${sharpForLambda.additionalArgs} --ignore-scripts`,
};

export default {
  default: { install: serverPackages },
  /*
   * The app uses no next/image, but SST deploys the optimiser anyway. By default OpenNext installs
   * sharp 0.32 there, whose install script downloads libvips from GitHub; the current sharp ships
   * its binaries as registry packages, so the build needs nothing beyond the npm registry.
   */
  imageOptimization: { install: { ...sharpForLambda, arch: 'arm64', additionalArgs: '--cpu=arm64' } },
} satisfies OpenNextConfig;
