import sharp from 'sharp';
import { resources } from '../aws/resources';
import { completeAnalysis, findAnalysis, findImage, type ImageVariant } from '../db';
import type { JobRun, WorkResult } from '../jobs/job-kind';
import { countMetric, METRIC } from '../observability/metrics';
import { linkedInCropKey, readObject, writeObject } from '../storage';
import { analyzePhoto } from './analyze-photo';
import { renderLinkedInCrops } from './crop';
import { selectAnalyzer } from './select-analyzer';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';

/**
 * The analyze-profile job's work: finds the faces in an analysis input, scores the photo, and keeps
 * the LinkedIn crops (cut from the largest clean JPEG, for the most pixels) under the image's media
 * prefix. Anything that goes wrong is thrown, so the delivery is retried.
 */
export async function processAnalysisInput(run: JobRun): Promise<WorkResult> {
  const key = { userId: run.subject.userId, imageId: run.subject.subjectId };
  const [image, analysis] = await Promise.all([findImage(key.userId, key.imageId), findAnalysis(key)]);
  if (!image || image.deletingAt || !analysis || analysis.deletingAt) return { status: 'gone' };

  const { width, height } = await sharp(run.body).metadata();
  const analyzer = selectAnalyzer();
  const sourceSize = image.width && image.height ? { width: image.width, height: image.height } : undefined;
  const { report, crop } = await analyzePhoto(
    { jpeg: run.body, width: width ?? 0, height: height ?? 0, location: { bucket: run.object.bucket, key: run.object.key } },
    analyzer,
    { sourceSize },
  );

  const crops = crop.status === 'ok' ? await cropsFrom(key, image.variants ?? [], crop) : [];
  const completed = await completeAnalysis(key, {
    analyzer: analyzer.name,
    report,
    crop: crop.status === 'ok' ? { status: 'ok', files: crops } : crop,
  });
  if (!completed) return { status: 'gone' };
  // Keyed by the write of its input (one per request): a retry of this run sends the same message, asking again a new one.
  const eventKey = `${key.imageId}:${run.object.sequencer ?? run.object.eTag}`;
  await emitWebhookEvent(key.userId, { type: 'analysis.ready', data: { imageId: key.imageId, score: report.score }, eventKey }, run.now);
  countMetric(METRIC.facesAnalyzed, report.faces.length);
  return { status: 'done' };
}

type Crop = Parameters<typeof renderLinkedInCrops>[1];

async function cropsFrom(owner: { userId: string; imageId: string }, variants: ImageVariant[], plan: Crop) {
  const source = variants.filter((v) => v.format === 'jpeg' && !v.watermarked).sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!source) return [];
  const original = await readObject(resources.mediaBucket, source.key);
  if (!original) return [];
  const rendered = await renderLinkedInCrops(original.body, plan);
  return Promise.all(
    rendered.map(async (file) => {
      const key = linkedInCropKey(owner.userId, owner.imageId, file.size);
      await writeObject(resources.mediaBucket, key, file.body, 'image/jpeg');
      return { size: file.size, key, width: file.width, height: file.height, bytes: file.bytes };
    }),
  );
}
