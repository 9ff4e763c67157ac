import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { findAnalysis } from '@/lib/db';
import { getProfileAnalysis } from '@/lib/profile-check/get-profile-analysis';
import { requestProfileAnalysis } from '@/lib/profile-check/request-profile-analysis';
import { createUpload, deleteImage } from '@/lib/images';
import { headObject, listKeys } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

async function waitForAnalysis(userId: string, imageId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const analysis = await findAnalysis({ userId, imageId });
    if (analysis?.status === 'ready' || analysis?.status === 'failed') return analysis;
    if (Date.now() > deadline) throw new Error(`analysis still ${analysis?.status ?? 'missing'}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('LinkedIn analysis through the local cloud', () => {
  it('analyses a portrait after an S3 event on the analysis input, and keeps the crop', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
    await waitForSettled(userId, imageId);

    await requestProfileAnalysis(userId, imageId);
    const stored = await waitForAnalysis(userId, imageId);
    expect(stored.status).toBe('ready');
    expect(stored.analyzer).toBe('local');

    const view = (await getProfileAnalysis(userId, imageId))!;
    expect(view.report!.faces).toHaveLength(1);
    expect(view.report!.score).toBeGreaterThanOrEqual(70);
    expect(view.report!.checks.find((c) => c.id === 'one-face')?.status).toBe('pass');
    expect(view.crop).toMatchObject({ status: 'ok' });
    const crops = view.crop!.status === 'ok' ? view.crop!.files : [];
    expect(crops.map((c) => [c.width, c.height])).toContainEqual([400, 400]);
    expect((await fetch(crops[0]!.url)).status).toBe(200);

    // Another user sees nothing of it.
    expect(await getProfileAnalysis(newUserId(), imageId)).toBeNull();

    // Deleting the image removes the analysis, its input and its crops.
    await deleteImage(userId, imageId);
    expect(await findAnalysis({ userId, imageId })).toBeNull();
    expect((await listKeys(resources.mediaBucket, '')).filter((key) => key.includes(imageId))).toEqual([]);
  });

  it('reports "no face found" for a photo without people, without failing', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('nofaces/coffee.png'), 'coffee.png', 'image/png');
    await waitForSettled(userId, imageId);
    await requestProfileAnalysis(userId, imageId);
    expect((await waitForAnalysis(userId, imageId)).status).toBe('ready');
    const view = (await getProfileAnalysis(userId, imageId))!;
    expect(view.report!.faces).toEqual([]);
    expect(view.report!.checks.find((c) => c.id === 'one-face')).toMatchObject({ status: 'fail', label: expect.stringMatching(/no face/i) });
  });

  it('refuses to analyse a photo that is not ready, or someone else’s', async () => {
    const userId = newUserId();
    const { imageId } = await createUpload(userId, { fileName: 'a.png', contentType: 'image/png', bytes: 10 });
    await expect(requestProfileAnalysis(userId, imageId)).rejects.toThrow(/not ready/);
    await expect(requestProfileAnalysis(newUserId(), imageId)).rejects.toThrow(/does not exist/);
    expect(await headObject(resources.mediaBucket, `analysis/${userId}/${imageId}/input.jpg`)).toBeNull();
  });
});
