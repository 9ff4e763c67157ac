import sharp from 'sharp';
import { resources } from '../aws/resources';
import { claimAnalysis, completeAnalysis, findAnalysis, findImage, releaseAnalysis } from '../db';
import type { StoredObject } from '../events/schemas';
import { log } from '../observability/log';
import { countMetric, METRIC } from '../observability/metrics';
import { parseAnalysisInputKey, readObject, variantKey, writeObject } from '../storage';
import { analyzePhoto } from './analyze-photo';
import { renderLinkedInCrops } from './crop';
import { selectAnalyzer } from './select-analyzer';

/** Like image processing, a run holds the analysis for longer than the function may run. */
export const ANALYSIS_LEASE_MS = 3 * 60 * 1000;

export type AnalysisOutcome = 'ready' | 'duplicate' | 'stale' | 'unknown-image';

/**
 * Analyses one arrived analysis input, at most once per version: finds the faces, scores the
 * photo, and keeps the LinkedIn crops (cut from the largest clean JPEG, for the most pixels) under
 * the image's media prefix. Anything that goes wrong is thrown, so the delivery is retried.
 */
export async function processAnalysisInput(object: StoredObject, now = Date.now()): Promise<AnalysisOutcome> {
  const owner = parseAnalysisInputKey(object.key);
  if (!owner) {
    log.warn('Ignored an object outside the analysis key space', { key: object.key });
    return 'unknown-image';
  }
  log.appendKeys({ correlationId: owner.imageId });
  const [image, analysis] = await Promise.all([findImage(owner.userId, owner.imageId), findAnalysis(owner)]);
  if (!image || !analysis) return 'unknown-image';
  if (!(await claimAnalysis(owner, { eTag: object.eTag, now, leaseMs: ANALYSIS_LEASE_MS }))) return 'duplicate';

  try {
    const input = await readObject(object.bucket, object.key);
    if (!input || input.eTag !== object.eTag) {
      // A newer input replaced this one; its own event will be analysed.
      await releaseAnalysis(owner, object.eTag);
      return 'stale';
    }
    const { width, height } = await sharp(input.body).metadata();
    const analyzer = selectAnalyzer();
    const sourceSize = image.width && image.height ? { width: image.width, height: image.height } : undefined;
    const { report, crop } = await analyzePhoto(
      { jpeg: input.body, width: width ?? 0, height: height ?? 0, location: { bucket: object.bucket, key: object.key } },
      analyzer,
      { sourceSize },
    );

    const crops = crop.status === 'ok' ? await cropsFrom(owner, image.variants ?? [], crop) : [];
    await completeAnalysis(owner, object.eTag, {
      status: 'ready',
      analyzer: analyzer.name,
      report,
      crop: crop.status === 'ok' ? { status: 'ok', files: crops } : crop,
    });
    countMetric(METRIC.facesAnalyzed, report.faces.length);
    return 'ready';
  } catch (error) {
    await releaseAnalysis(owner, object.eTag);
    throw error;
  }
}

type Crop = Parameters<typeof renderLinkedInCrops>[1];

async function cropsFrom(owner: { userId: string; imageId: string }, variants: { key: string; format: string; width: number; height: number; watermarked?: boolean }[], plan: Crop) {
  const source = variants.filter((v) => v.format === 'jpeg' && !v.watermarked).sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!source) return [];
  const original = await readObject(resources.mediaBucket, source.key);
  if (!original) return [];
  const rendered = await renderLinkedInCrops(original.body, plan);
  return Promise.all(
    rendered.map(async (file) => {
      const key = variantKey(owner.userId, owner.imageId, `linkedin-${file.size}.jpeg`);
      await writeObject(resources.mediaBucket, key, file.body, 'image/jpeg');
      return { size: file.size, key, width: file.width, height: file.height, bytes: file.bytes };
    }),
  );
}
