import { z } from 'zod';
import { resources } from '../aws/resources';
import { ANALYSIS_STATUSES, findAnalysis } from '../db';
import { imageIdInput } from '../images/schemas';
import { presignDownload } from '../storage';
import { ProfileReportSchema } from './schemas';

const StoredCropSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    files: z.array(z.object({ size: z.number(), key: z.string(), width: z.number(), height: z.number(), bytes: z.number() })),
  }),
  z.object({ status: z.literal('too-small'), message: z.string() }),
]);

const CropFileSchema = z.object({
  size: z.number().int().meta({ description: 'Side of the square, in pixels.' }),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  url: z.url(),
  downloadUrl: z.url(),
});

/**
 * The LinkedIn check of one photo as its owner sees it, on the analysis page and over the API alike.
 * Here rather than in schemas.ts, which client components read: its statuses come from the table's entity.
 */
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

// The analysis of one of the owner's images, with links to its crops; null when none was asked for.
export async function getProfileAnalysis(userId: string, imageId: unknown): Promise<ProfileAnalysis | null> {
  const id = imageIdInput.safeParse(imageId);
  if (!id.success) return null;
  const item = await findAnalysis({ userId, imageId: id.data });
  if (!item) return null;
  const report = item.report === undefined ? null : ProfileReportSchema.parse(item.report);
  const stored = item.crop === undefined ? null : StoredCropSchema.parse(item.crop);
  const crop =
    stored?.status === 'ok'
      ? {
          status: 'ok' as const,
          files: await Promise.all(
            stored.files.map(async ({ key, ...file }) => ({
              ...file,
              url: await presignDownload(resources.mediaBucket, key),
              downloadUrl: await presignDownload(resources.mediaBucket, key, { fileName: `linkedin-${file.size}.jpg` }),
            })),
          ),
        }
      : stored;
  return { status: item.status, failureReason: item.failureReason ?? null, report, crop };
}
