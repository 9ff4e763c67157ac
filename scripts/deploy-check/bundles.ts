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
