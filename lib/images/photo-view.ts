import type { Image } from './schemas';

/** The size a photo page falls back to, and the one it showed before it offered the others. */
const FALLBACK_VARIANT = 'w1280';

/** How a photo page draws a photo: a fallback source, every clean WebP size as a srcset, and its shape. */
export interface PhotoView {
  url: string;
  srcSet: string;
  width: number;
  height: number;
}

/**
 * The photo as a page draws it, or null before any WebP exists. Every clean (unwatermarked) WebP is
 * offered, so the browser takes the smallest that fills the photo's box at the screen's density (the
 * 640-px one on a small 1× screen, the 2,048-px one on a wide 2× screen) instead of always the
 * 1280-px one; the fallback's shape is the photo's, whichever size the browser picks.
 */
export function photoView(image: Pick<Image, 'variants'>): PhotoView | null {
  const clean = image.variants.filter((v) => v.format === 'webp' && !v.watermarked).sort((a, b) => a.width - b.width);
  const fallback = clean.find((v) => v.name === FALLBACK_VARIANT) ?? clean.at(-1);
  if (!fallback) return null;
  return {
    url: fallback.url,
    srcSet: clean.map((v) => `${v.url} ${v.width}w`).join(', '),
    width: fallback.width,
    height: fallback.height,
  };
}
