import sharp from 'sharp';

/** Decoded RGB pixels, three bytes a pixel, row by row: what the face models are given. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

/** An area of a photo in its pixels. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function decodeRaw(jpeg: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(jpeg).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The pixels of `area`, which must lie inside the image with whole-pixel edges. */
export function cut(image: RawImage, area: PixelRect): RawImage {
  const data = Buffer.alloc(area.width * area.height * 3);
  for (let row = 0; row < area.height; row++) {
    const start = ((area.y + row) * image.width + area.x) * 3;
    image.data.copy(data, row * area.width * 3, start, start + area.width * 3);
  }
  return { data, width: area.width, height: area.height };
}

/**
 * A square `side` px wide centred on (x, y), black where it reaches past the photo: a face at the
 * edge stays centred, as it does in Human's own crops.
 */
export function cutSquare(image: RawImage, x: number, y: number, side: number): RawImage {
  const size = Math.max(1, Math.round(side));
  const left = Math.round(x - size / 2);
  const top = Math.round(y - size / 2);
  const data = Buffer.alloc(size * size * 3);
  const from = Math.max(0, left);
  const to = Math.min(image.width, left + size);
  if (to <= from) return { data, width: size, height: size };
  for (let row = Math.max(0, top); row < Math.min(image.height, top + size); row++) {
    const start = (row * image.width + from) * 3;
    image.data.copy(data, ((row - top) * size + (from - left)) * 3, start, start + (to - from) * 3);
  }
  return { data, width: size, height: size };
}

/** A copy at most `side` px on its long side (the image itself when it is no larger), and the scale it was taken at. */
export async function reduceTo(image: RawImage, side: number): Promise<{ image: RawImage; scale: number }> {
  const scale = Math.min(1, side / Math.max(image.width, image.height));
  if (scale === 1) return { image, scale };
  const [width, height] = [Math.round(image.width * scale), Math.round(image.height * scale)];
  return { image: await resize(image, width, height), scale };
}

export async function resize(image: RawImage, width: number, height: number): Promise<RawImage> {
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).resize(width, height).raw().toBuffer();
  return { data, width, height };
}

/** `rect` cut to the image, in whole pixels, never empty. */
export function clampRect(image: RawImage, rect: PixelRect): PixelRect {
  const x = Math.max(0, Math.round(rect.x));
  const y = Math.max(0, Math.round(rect.y));
  const right = Math.min(image.width, Math.round(rect.x + rect.width));
  const bottom = Math.min(image.height, Math.round(rect.y + rect.height));
  return { x: Math.min(x, image.width - 1), y: Math.min(y, image.height - 1), width: Math.max(1, right - x), height: Math.max(1, bottom - y) };
}
