import sharp from 'sharp';
import type { Box } from '../faces/schemas';

/** Side of a face's square thumbnail: sharp on a 2× screen at the 64 px the People page shows. */
export const FACE_THUMBNAIL_SIDE = 128;

/** How much of the head around the face box the thumbnail shows, as a multiple of the box. */
const CONTEXT = 1.6;

/** A square JPEG of a face with a little of the head around it, cut from the photo the box was found in. */
export async function renderFaceThumbnail(jpeg: Buffer, size: { width: number; height: number }, box: Box): Promise<Buffer> {
  const side = Math.min(Math.max(box.width * size.width, box.height * size.height) * CONTEXT, size.width, size.height);
  const centreX = (box.left + box.width / 2) * size.width;
  const centreY = (box.top + box.height / 2) * size.height;
  const left = Math.round(Math.min(Math.max(centreX - side / 2, 0), size.width - side));
  const top = Math.round(Math.min(Math.max(centreY - side / 2, 0), size.height - side));
  const extent = Math.max(1, Math.floor(Math.min(side, size.width - left, size.height - top)));
  return sharp(jpeg).extract({ left, top, width: extent, height: extent }).resize(FACE_THUMBNAIL_SIDE, FACE_THUMBNAIL_SIDE).jpeg({ quality: 80 }).toBuffer();
}
