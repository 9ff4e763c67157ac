import 'zod-openapi';
import { z } from 'zod';
import { ANALYSIS_STATUSES } from '../db';
import { getImage } from '../images';
import { getProfileAnalysis, requestProfileAnalysis } from '../profile-check';
import { ProfileReportSchema } from '../profile-check/schemas';

/* The LinkedIn check over the API: ask for it, then read its score, checklist and crops. */

const CropFileSchema = z.object({
  size: z.number().int().meta({ description: 'Side of the square, in pixels.' }),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  url: z.url(),
  downloadUrl: z.url(),
});

export const ProfileAnalysisSchema = z
  .object({
    status: z.enum(ANALYSIS_STATUSES).meta({ description: 'pending → running → ready, or failed (see failureReason).' }),
    failureReason: z.string().nullable(),
    report: ProfileReportSchema.nullable().meta({ description: 'The score (0–100), the checklist, the faces and notes; null until ready.' }),
    crop: z
      .discriminatedUnion('status', [z.object({ status: z.literal('ok'), files: z.array(CropFileSchema) }), z.object({ status: z.literal('too-small'), message: z.string() })])
      .nullable()
      .meta({ description: 'The face-centred square crops, or why the photo is too small for one; null until ready.' }),
  })
  .meta({ id: 'ProfileAnalysis' });
export type ProfileAnalysis = z.infer<typeof ProfileAnalysisSchema>;

/** Asks for the check of one of the owner's ready images; null when they have no such image. */
export async function requestApiAnalysis(userId: string, id: string): Promise<ProfileAnalysis | null> {
  if (!(await getImage(userId, id, { variants: 'thumbnail' }))) return null;
  await requestProfileAnalysis(userId, id);
  return getProfileAnalysis(userId, id);
}

/** The check of one of the owner's images as it stands; null when none was asked for. */
export function getApiAnalysis(userId: string, id: string): Promise<ProfileAnalysis | null> {
  return getProfileAnalysis(userId, id);
}
