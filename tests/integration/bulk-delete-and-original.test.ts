import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { findImage } from '@/lib/db';
import { createUpload, deleteImages, getOriginalDownload } from '@/lib/images';
import { deleteObjects, headObject, originalKey } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

describe('delete several photos at once', () => {
  it("deletes the owner's photos and everything made from them, and nobody else's", async () => {
    const owner = newUserId();
    const other = newUserId();
    const body = await fixture('nofaces/coffee.png');
    const ready = await uploadAsBrowser(owner, body, 'coffee.png', 'image/png');
    expect((await waitForSettled(owner, ready.imageId)).status).toBe('ready');
    const inFlight = await createUpload(owner, { fileName: 'later.png', contentType: 'image/png', bytes: 10 });
    const kept = await createUpload(owner, { fileName: 'kept.png', contentType: 'image/png', bytes: 10 });
    const someoneElses = await createUpload(other, { fileName: 'theirs.png', contentType: 'image/png', bytes: 10 });

    const result = await deleteImages(owner, { imageIds: [ready.imageId, inFlight.imageId, someoneElses.imageId, ready.imageId] });
    expect(result).toEqual({ deleted: 2 });
    expect(await findImage(owner, ready.imageId)).toBeNull();
    expect(await headObject(resources.uploadsBucket, originalKey(owner, ready.imageId))).toBeNull();
    expect(await findImage(owner, inFlight.imageId)).toBeNull();
    expect(await findImage(owner, kept.imageId)).not.toBeNull();
    expect(await findImage(other, someoneElses.imageId)).not.toBeNull();
  });

  it('takes at most 100 at a time, and at least one', async () => {
    const ids = Array.from({ length: 101 }, (_, index) => `img_${String(index).padStart(12, '0')}`);
    await expect(deleteImages(newUserId(), { imageIds: ids })).rejects.toThrow(/At most 100 photos/);
    await expect(deleteImages(newUserId(), { imageIds: [] })).rejects.toThrow(/Select at least one photo/);
  });
});

describe('download the original', () => {
  it('signs a download of the exact bytes under the uploaded name, only for the owner, only while the original is there', async () => {
    const owner = newUserId();
    const body = await fixture('nofaces/coffee.png');
    const { imageId } = await uploadAsBrowser(owner, body, 'my coffee "best".png', 'image/png');
    expect((await waitForSettled(owner, imageId)).status).toBe('ready');

    const url = await getOriginalDownload(owner, imageId);
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="my-coffee-best-.png"');
    expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);

    expect(await getOriginalDownload(newUserId(), imageId)).toBeNull();
    expect(await getOriginalDownload(owner, 'not an id')).toBeNull();
    // The uploads bucket may expire originals; a photo whose original went offers no download.
    await deleteObjects(resources.uploadsBucket, [originalKey(owner, imageId)]);
    expect(await getOriginalDownload(owner, imageId)).toBeNull();
  });

  it('offers nothing for a photo that is not ready', async () => {
    const owner = newUserId();
    const { imageId } = await createUpload(owner, { fileName: 'a.png', contentType: 'image/png', bytes: 10 });
    expect(await getOriginalDownload(owner, imageId)).toBeNull();
  });
});
