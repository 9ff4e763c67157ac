/*
 * Packages a function loads at run time that are copied into its node_modules as published, rather
 * than installed by SST's `npm install --arch=arm64`. USearch ships a prebuilt binary for every
 * platform, but its install script (node-gyp-build) tests the arm64 one on the build machine, fails
 * to load it there (x64) and compiles an x64 binary into build/, which it then prefers at run time:
 * the function would fail on Lambda. Copying skips every install script.
 */

/** The packages a function imports from node_modules this way: left out of the bundle, copied in. */
export const FACE_SEARCH_PACKAGES = ['usearch'];

/** What USearch loads at run time, for one CPU: its JavaScript and that CPU's Linux binary. */
export function usearchFiles(cpu: string): string[] {
  return ['package.json', 'javascript/dist', `prebuilds/linux-${cpu}`];
}

/**
 * USearch's run-time dependencies, whole (a few KB each). node-addon-api, its other dependency, is
 * C++ headers for building from source, which nothing here does.
 */
export const USEARCH_RUNTIME_DEPENDENCIES = ['bindings', 'file-uri-to-path', 'node-gyp-build'];

/** copyFiles entries that put the face-search packages into a function for one CPU. */
export function faceSearchCopies(cpu: string): { from: string; to: string }[] {
  const copy = (path: string) => ({ from: `node_modules/${path}`, to: `node_modules/${path}` });
  return [...usearchFiles(cpu).map((file) => copy(`usearch/${file}`)), ...USEARCH_RUNTIME_DEPENDENCIES.map(copy)];
}
