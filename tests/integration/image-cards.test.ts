import { describe, expect, it } from 'vitest';
import { createUpload, listImages, readImageCards, type Image } from '@/lib/images';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

/**
 * A card as two reads of it can agree: without its signed links, signed afresh (and possibly in another
 * window) on every read, and without its faces' progress, as finding them goes on after the photo is ready.
 */
function comparable(image: Image | null | undefined) {
  if (!image) return image;
  const { thumbnailUrl, thumbnailSrcSet, ...rest } = image;
  return { ...rest, faceIndex: undefined, signed: { thumbnail: thumbnailUrl !== null, srcSet: thumbnailSrcSet !== null } };
}

describe("the grid's cards, one photo at a time", () => {
  it('starting an upload answers with its card, as the grid’s list shows it', async () => {
    const owner = newUserId();
    const before = Date.now();
    const upload = await createUpload(owner, { fileName: 'new.png', contentType: 'image/png', bytes: 10 });

    expect(upload.snapshot.image).toMatchObject({ imageId: upload.imageId, fileName: 'new.png', status: 'uploading', thumbnailUrl: null });
    expect(upload.snapshot.readAt).toBeGreaterThanOrEqual(before);
    const listed = (await listImages(owner)).items.find((image) => image.imageId === upload.imageId);
    expect(comparable(upload.snapshot.image)).toEqual(comparable(listed));
  });

  it("reads the owner's cards again as the list shows them, and anyone else's, or none, as gone", async () => {
    const owner = newUserId();
    const other = newUserId();
    const { imageId } = await uploadAsBrowser(owner, await fixture('nofaces/coffee.png'), 'coffee.png', 'image/png');
    expect((await waitForSettled(owner, imageId)).status).toBe('ready');
    const theirs = await createUpload(other, { fileName: 'theirs.png', contentType: 'image/png', bytes: 10 });

    const before = Date.now();
    const cards = await readImageCards(owner, { imageIds: [imageId, theirs.imageId, 'noSuchImage00000'] });
    expect(cards.map((card) => card.imageId)).toEqual([imageId, theirs.imageId, 'noSuchImage00000']);
    for (const card of cards) expect(card.readAt).toBeGreaterThanOrEqual(before);

    const [mine, notMine, missing] = cards;
    const listed = (await listImages(owner)).items.find((image) => image.imageId === imageId);
    expect(mine!.image).toMatchObject({ status: 'ready', variants: [] });
    // The grid links to the site's own media path, the same on every read (lib/storage/media-paths.ts).
    expect(mine!.image!.thumbnailUrl).toBe(`/media/${owner}/images/${imageId}/w256.webp`);
    expect(comparable(mine!.image)).toEqual(comparable(listed));
    expect(notMine!.image).toBeNull();
    expect(missing!.image).toBeNull();
  });

  it('reads at least one card and at most a page of them, each named by a real id', async () => {
    const owner = newUserId();
    await expect(readImageCards(owner, { imageIds: [] })).rejects.toThrow(/at least one photo/);
    const tooMany = Array.from({ length: 25 }, (_, index) => `img_${String(index).padStart(12, '0')}`);
    await expect(readImageCards(owner, { imageIds: tooMany })).rejects.toThrow(/At most 24 photos/);
    await expect(readImageCards(owner, { imageIds: ['../other-user'] })).rejects.toThrow(/Not an image id/);
  });
});
