import { z } from 'zod';
import { resources } from '../aws/resources';
import { findAnalysis, ANALYSIS_STATUSES } from '../db';
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

export interface ProfileAnalysisView {
  status: (typeof ANALYSIS_STATUSES)[number];
  failureReason: string | null;
  report: z.infer<typeof ProfileReportSchema> | null;
  crop:
    | { status: 'ok'; files: { size: number; width: number; height: number; bytes: number; url: string; downloadUrl: string }[] }
    | { status: 'too-small'; message: string }
    | null;
}

// The analysis of one of the owner's images, with links to its crops; null when none was asked for.
export async function getProfileAnalysis(userId: string, imageId: unknown): Promise<ProfileAnalysisView | null> {
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
