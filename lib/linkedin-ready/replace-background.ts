import sharp from 'sharp';
import type { RgbImage } from './cut-frame';
import type { Matte } from './make-matte';
import type { Background } from './schemas';

/**
 * Blur of the 'blur' background, as a share of the side: at 400 px, 8 px, about what a portrait
 * lens wide open does to a background a few metres behind the person.
 */
export const BACKGROUND_BLUR = 1 / 50;

/** The background is blurred on a copy this long at most: a wide blur needs no more pixels, and a 2048-px one would take seconds. */
const BLUR_WORK_SIDE = 512;

/** The person (by the matte) over the background asked for; 'keep' returns the image as it is. */
export async function replaceBackground(image: RgbImage, matte: Matte, background: Background): Promise<RgbImage> {
  if (background.kind === 'keep') return image;
  const { width, height } = image;
  const behind = await renderBackground(image, matte, background);
  const person = await withAlpha(image, matte.data);
  const data = await sharp(behind, { raw: { width, height, channels: 3 } })
    .composite([{ input: person, raw: { width, height, channels: 4 } }])
    .removeAlpha()
    .raw()
    .toBuffer();
  return { data, width, height };
}

async function renderBackground(image: RgbImage, matte: Matte, background: Exclude<Background, { kind: 'keep' }>): Promise<Buffer> {
  const { width, height } = image;
  switch (background.kind) {
    case 'colour':
      return sharp({ create: { width, height, channels: 3, background: background.colour } }).raw().toBuffer();
    case 'gradient': {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${background.from}"/><stop offset="1" stop-color="${background.to}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
      return sharp(Buffer.from(svg)).resize(width, height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
    }
    case 'blur': {
      // Only the background is blurred: with the person's opacity taken out (sharp blurs premultiplied), their colours do not bleed into it as a dark rim.
      const scale = Math.min(1, BLUR_WORK_SIDE / Math.max(width, height));
      const small = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
      const inverse = await sharp(Buffer.from(matte.data.buffer, matte.data.byteOffset, matte.data.length), { raw: { width, height, channels: 1 } })
        .negate()
        .toColourspace('b-w')
        .raw()
        .toBuffer();
      const blurred = await sharp(await withAlpha(image, inverse), { raw: { width, height, channels: 4 } })
        .resize(small.width, small.height, { fit: 'fill' })
        .blur(Math.max(0.3, width * BACKGROUND_BLUR * scale))
        .raw()
        .toBuffer();
      // Where nothing of the background was left to blur (behind the person), the colour is undefined: the person covers it.
      return sharp(blurred, { raw: { ...small, channels: 4 } }).resize(width, height, { fit: 'fill', kernel: 'linear' }).removeAlpha().raw().toBuffer();
    }
  }
}

function withAlpha(image: RgbImage, alpha: Uint8Array): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .joinChannel(Buffer.from(alpha.buffer, alpha.byteOffset, alpha.length), { raw: { width: image.width, height: image.height, channels: 1 } })
    .raw()
    .toBuffer();
}
