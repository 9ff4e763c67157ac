import { rekognitionClient } from '../aws/clients';
import { awsSettings } from '../config';
import { listFacesOfImage } from '../db';
import { createLocalRecognizer, type DescribeFaces } from './local-recognizer';
import type { FaceRecognizer } from './recognizer';
import { createRekognitionRecognizer } from './rekognition-recognizer';

/**
 * The recognizer FACE_ANALYZER names. The built-in model's `describe` is the caller's: functions run
 * the model in process (lib/faces/describe-faces.ts), while the site, which does not carry the model,
 * invokes the describe-faces function (lib/faces/invoke-describe-faces.ts). Rekognition needs neither.
 */
export function selectRecognizer(describe: DescribeFaces): FaceRecognizer {
  const settings = awsSettings();
  if (settings.faceAnalyzer === 'local') return createLocalRecognizer(describe);
  return createRekognitionRecognizer({ client: rekognitionClient(), collectionPrefix: settings.faceCollectionPrefix, facesOfImage: listFacesOfImage });
}
