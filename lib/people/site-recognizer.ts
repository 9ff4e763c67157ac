import { invokeDescribeFaces } from '../faces/invoke-describe-faces';
import type { FaceRecognizer } from './recognizer';
import { selectRecognizer } from './select-recognizer';

/** The recognizer as the site uses it: the built-in model is reached through the describe-faces function. */
export function siteRecognizer(): FaceRecognizer {
  return selectRecognizer(invokeDescribeFaces);
}
