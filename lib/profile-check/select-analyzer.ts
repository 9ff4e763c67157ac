import { rekognitionClient } from '../aws/clients';
import { awsSettings } from '../config';
import type { FaceAnalyzer } from './analyzer';
import { createLocalAnalyzer } from './local-analyzer';
import { createRekognitionAnalyzer } from './rekognition-analyzer';

/** The analyzer FACE_ANALYZER names (rekognition or local, default local). Throws on any other value. */
export function selectAnalyzer(env?: Record<string, string | undefined>): FaceAnalyzer {
  // The Rekognition client is built on first use only, so the local path never needs AWS credentials or a region.
  return awsSettings(env).faceAnalyzer === 'local' ? createLocalAnalyzer() : createRekognitionAnalyzer(rekognitionClient());
}
