import sharp from 'sharp';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, renderPreviewImage } from './render-preview-image';

/** The white line between two photos of the collage. */
const GAP = 6;
const CARD_JPEG_QUALITY = 82;

/**
 * The 1200×630 card of an album: its first photos side by side, each cropped to its column around
 * what sharp's attention strategy finds most salient (a face, in a headshot), on white. An album of
 * one photo gets a photo link's card.
 */
export async function renderAlbumCard(sources: readonly Buffer[]): Promise<Buffer> {
  if (sources.length === 1) return renderPreviewImage(sources[0]!);
  const columns = sources.length;
  const width = Math.floor((PREVIEW_WIDTH - GAP * (columns - 1)) / columns);
  const tiles = await Promise.all(
    sources.map((source) => sharp(source).resize(width, PREVIEW_HEIGHT, { fit: 'cover', position: sharp.strategy.attention }).toBuffer()),
  );
  return sharp({ create: { width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, channels: 3, background: '#ffffff' } })
    .composite(tiles.map((input, index) => ({ input, left: index * (width + GAP), top: 0 })))
    .jpeg({ quality: CARD_JPEG_QUALITY, mozjpeg: true })
    .toBuffer();
}
