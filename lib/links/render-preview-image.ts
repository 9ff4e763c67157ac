import sharp from 'sharp';

/** The card size LinkedIn, Slack, Facebook and X all crop to without cutting: 1.91:1. */
export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

/** A tiny cover crop blown back up is a cheap, smooth blur for the letterbox. */
const BACKDROP_SHRINK = 20;
const PREVIEW_JPEG_QUALITY = 82;

/**
 * The 1200×630 card image of a link. Headshots are mostly portrait, and a cover crop to 1.91:1
 * would cut off the head or chin (and a corner watermark), so the whole photo is letterboxed over
 * a blurred, darkened copy of itself. Small photos are centred, never enlarged.
 */
export async function renderPreviewImage(source: Buffer): Promise<Buffer> {
  const tiny = await sharp(source)
    .resize(PREVIEW_WIDTH / BACKDROP_SHRINK, Math.round(PREVIEW_HEIGHT / BACKDROP_SHRINK), { fit: 'cover' })
    .toBuffer();
  const [backdrop, photo] = await Promise.all([
    sharp(tiny).resize(PREVIEW_WIDTH, PREVIEW_HEIGHT, { fit: 'fill', kernel: 'cubic' }).blur(14).modulate({ brightness: 0.7 }).toBuffer(),
    sharp(source).resize(PREVIEW_WIDTH, PREVIEW_HEIGHT, { fit: 'inside', withoutEnlargement: true }).toBuffer(),
  ]);
  return sharp(backdrop)
    .composite([{ input: photo, gravity: 'centre' }])
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: PREVIEW_JPEG_QUALITY, mozjpeg: true })
    .toBuffer();
}
