import type { ImageVariant } from '../db';
import type { ShareOption } from './schemas';

/** A share option with the keys of its WebP (shown) and its JPEG (fallback, download, card image). */
export interface ShareableVariant extends ShareOption {
  webpKey: string;
  jpegKey: string;
}

/**
 * The largest size a public page shows by default. Bigger clean variants exist for the owner's own
 * downloads; sharing one is a choice the owner makes, never the default.
 */
const DEFAULT_MAX_BUCKET = 1280;

/** The variants of an image that can be shared, largest first. */
export function shareableVariants(variants: readonly ImageVariant[]): ShareableVariant[] {
  const byName = new Map<string, { webp?: ImageVariant; jpeg?: ImageVariant }>();
  for (const variant of variants) {
    const entry = byName.get(variant.name) ?? {};
    if (variant.format === 'webp') entry.webp = variant;
    if (variant.format === 'jpeg') entry.jpeg = variant;
    byName.set(variant.name, entry);
  }
  const shareable: ShareableVariant[] = [];
  for (const [name, { webp, jpeg }] of byName) {
    if (!webp || !jpeg) continue;
    const watermarked = Boolean(webp.watermarked && jpeg.watermarked);
    shareable.push({
      name,
      width: webp.width,
      height: webp.height,
      watermarked,
      label: `${webp.width} × ${webp.height}${watermarked ? ', watermarked' : ''}`,
      webpKey: webp.key,
      jpegKey: jpeg.key,
    });
  }
  return shareable.sort((a, b) => b.width * b.height - a.width * a.height || Number(b.watermarked) - Number(a.watermarked));
}

/**
 * What is shared when the owner does not choose: the largest watermarked copy; without a watermark,
 * the largest clean variant up to the public size.
 */
export function defaultShareVariant(variants: readonly ShareableVariant[]): ShareableVariant | null {
  return (
    variants.find((variant) => variant.watermarked) ??
    variants.find((variant) => bucketOf(variant.name) <= DEFAULT_MAX_BUCKET) ??
    variants.at(-1) ??
    null
  );
}

/** The size bucket in a variant name (w1280-public → 1280); unknown names sort as the largest. */
function bucketOf(name: string): number {
  const match = /^w(\d+)/.exec(name);
  return match ? Number(match[1]) : Number.POSITIVE_INFINITY;
}
