import { largestFace } from '../faces/largest-face';
import { createFacePhotoInput, type FacePhoto } from '../faces/schemas';
import type { FaceAnalyzer } from './analyzer';
import { countPeople } from './count-people';
import { planLinkedInCrop } from './crop';
import { scoreProfilePhoto } from './linkedin';
import { measureQuality } from './measure-quality';
import { analyzePhotoOptions, ProfileReportSchema, type AnalyzePhotoOptions, type CropPlan, type ProfileReport } from './schemas';

/**
 * The whole analysis of one photo: the analyzer finds the faces; quality is measured from the
 * pixels (over the largest face, else the whole frame); each face gets its role (the subject, another
 * person in the picture, background, or unverified), and those that do not count a note; the photo
 * is scored for LinkedIn; the crop is planned on the largest face. `sourceSize` is the original
 * photo's size when `input` is a downscaled copy. The Lambda handler and the command line both call this.
 */
export async function analyzePhoto(
  input: FacePhoto,
  analyzer: FaceAnalyzer,
  options?: AnalyzePhotoOptions,
): Promise<{ report: ProfileReport; crop: CropPlan }> {
  const parsed = createFacePhotoInput.parse(input);
  const sourceSize = analyzePhotoOptions.parse(options)?.sourceSize;
  const image = { width: parsed.width, height: parsed.height };

  const faces = await analyzer.detect(parsed);
  const subject = largestFace(faces);
  const quality = await measureQuality(parsed.jpeg, subject?.box);
  const people = countPeople({ faces, image, sourceSize });
  const { score, checks } = scoreProfilePhoto({ faces, quality, image, sourceSize });
  const crop: CropPlan = subject
    ? planLinkedInCrop(subject, image, sourceSize)
    : { status: 'too-small', message: 'No face was found, so there is nothing to crop around.' };

  const report = ProfileReportSchema.parse({ analyzer: analyzer.name, image, faces: people.faces, quality, score, checks, notes: people.notes });
  return { report, crop };
}
