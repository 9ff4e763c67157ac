/*
 * What one image costs in Lambda time. infra/functions.ts sizes the functions from these same
 * numbers, so the deployed memory and the cost model cannot disagree. The durations come from
 * `npm run bench` (per-image handler time at the given memory); update them when the benchmark moves.
 */

export interface LambdaWorkload {
  /** Configured memory, which is also what Lambda bills per millisecond. */
  memoryMb: number;
  /** Billed duration of handling one image, in milliseconds. */
  msPerImage: number;
}

/*
 * 1769 MB is where Lambda hands out one full vCPU; sharp's resize and encode are CPU-bound, so less
 * memory only stretches the billed time, and more adds vCPUs that one image at a time cannot use.
 */
export const PROCESS_IMAGE_WORKLOAD: LambdaWorkload = { memoryMb: 1769, msPerImage: 700 };

/* The built-in face model: TensorFlow.js on WASM, about 300 ms a photo once warm. */
export const ANALYZE_LOCAL_WORKLOAD: LambdaWorkload = { memoryMb: 1536, msPerImage: 300 };

/* With Rekognition the function mostly waits on the API call; it only decodes and forwards the photo. */
export const ANALYZE_REKOGNITION_WORKLOAD: LambdaWorkload = { memoryMb: 512, msPerImage: 400 };
