import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { z } from 'zod';
import type { FaceAnalyzer } from './analyzer';
import { createLocalAnalyzer } from './local-analyzer';
import { createRekognitionAnalyzer } from './rekognition-analyzer';
import { FaceAnalyzerNameSchema } from './schemas';

/** FACE_ANALYZER picks the adapter; with no AWS account the built-in model is the only one that works, so it is the default. */
const environment = z.object({
  FACE_ANALYZER: z.preprocess((value) => (value === '' ? undefined : value), FaceAnalyzerNameSchema.default('local')),
});

let rekognition: RekognitionClient | undefined;

/** The analyzer FACE_ANALYZER names (rekognition or local, default local). Throws on any other value. */
export function selectAnalyzer(env: Record<string, string | undefined> = process.env): FaceAnalyzer {
  const parsed = environment.safeParse(env);
  if (!parsed.success) throw new Error(`FACE_ANALYZER must be "rekognition" or "local" (got "${env.FACE_ANALYZER}").`);
  if (parsed.data.FACE_ANALYZER === 'local') return createLocalAnalyzer();
  // Built on first use only, so the local path never needs AWS credentials or a region.
  rekognition ??= new RekognitionClient({});
  return createRekognitionAnalyzer(rekognition);
}
