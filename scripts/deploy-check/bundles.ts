import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { functionSpecs, jobFunctionSpec, type FunctionSpec } from '../../infra/function-specs';
import { JOB_WIRING, type JobWiring } from '../../lib/jobs/wiring';

/** One bundle deploy:check builds: a function as SST would build it under one face-analyzer setting. */
export interface PlannedBundle {
  label: string;
  spec: FunctionSpec;
  /** Built, but run only by the checks that switch to the built-in face model. */
  builtInModel: boolean;
}

/**
 * Every function as deployed by default (Rekognition analyses faces), and again each job kind that
 * carries the built-in face model in its place: that bundle is the largest, and the one most likely
 * to miss a file.
 */
export function plannedBundles(wiring: readonly JobWiring[] = JOB_WIRING): PlannedBundle[] {
  const deployed = functionSpecs({ faceAnalyzer: 'rekognition' }, undefined, wiring).map((spec) => ({ label: spec.name, spec, builtInModel: false }));
  const withModel = wiring
    .filter((row) => row.packages.some((set) => set === 'analyzer-model'))
    .map((row) => ({ label: `${row.name} (built-in model)`, spec: jobFunctionSpec(row, { settings: { faceAnalyzer: 'local' } }), builtInModel: true }));
  return [...deployed, ...withModel];
}

/**
 * Where deploy:check builds and runs the bundles: in the system's temporary folder, outside the
 * repository, so that Node cannot fall back on the repository's node_modules (Lambda has only the
 * bundle's). One folder per checkout, kept for `-- --reuse`.
 */
export function bundlesDir(projectRoot: string): string {
  return path.join(os.tmpdir(), `headshot-deploy-check-${createHash('sha256').update(projectRoot).digest('hex').slice(0, 12)}`);
}
