import { expect, test } from 'vitest';
import { deploymentProblems } from './function-hosts';

test('a package a bundle imports but does not ship is named, whether Node says package or module', () => {
  const output = [
    "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'sharp' imported from /tmp/headshot-deploy-check-1/functions/process-image/bundle.mjs",
    "Error: Cannot find module '@img/sharp-linux-arm64/sharp.node'",
  ].join('\n');
  expect(deploymentProblems(output)).toEqual([
    "needs sharp at run time, which its bundle does not ship (Lambda has no node_modules but the bundle's): install it (nodejs.install in its spec), ship it or bundle it",
    "needs @img/sharp-linux-arm64 at run time, which its bundle does not ship (Lambda has no node_modules but the bundle's): install it (nodejs.install in its spec), ship it or bundle it",
  ]);
});

test('a resource read without a link is named, also inside a JSON log line', () => {
  const logged = JSON.stringify({ level: 'ERROR', error: 'Error: "Uploads" is not linked in your sst.config.ts to store-dead-letter' });
  expect(deploymentProblems(`${logged}\n${logged}`)).toEqual(['reads Resource.Uploads, which its spec does not link (links in infra/function-specs.ts)']);
});

test('a clean run has no problems', () => {
  expect(deploymentProblems('{"level":"INFO","message":"Job done"}\n')).toEqual([]);
});
