import type { Image, ImageListSnapshot, ImageSnapshot } from './schemas';

/**
 * What the grid shows, from every read it holds: the lists (the page's own, then those "Load more"
 * appended) and the photos read one at a time since (an upload this page started, a photo a live event
 * named). Each photo is shown as its newest read found it, and left out once that read found it gone.
 * Photos read only one at a time are new uploads, so they come first, newest first. A list that leaves a
 * photo out proves nothing: lists are read from an index that may lag a moment behind the table.
 */
export function newestCards(lists: readonly ImageListSnapshot[], singles: ReadonlyMap<string, ImageSnapshot>): Image[] {
  const listed = new Map<string, ImageSnapshot>();
  for (const list of lists) {
    for (const image of list.images) {
      const earlier = listed.get(image.imageId);
      if (!earlier || earlier.readAt < list.readAt) listed.set(image.imageId, { image, readAt: list.readAt });
    }
  }
  const unlisted = [...singles.values()]
    .map((single) => single.image)
    .filter((image): image is Image => image !== null && !listed.has(image.imageId))
    .sort((a, b) => b.createdAt - a.createdAt);
  const shown = [...listed].map(([imageId, fromList]) => {
    const single = singles.get(imageId);
    return single && single.readAt > fromList.readAt ? single.image : fromList.image;
  });
  return [...unlisted, ...shown.filter((image): image is Image => image !== null)];
}
