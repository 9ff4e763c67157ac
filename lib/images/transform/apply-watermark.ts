import sharp from 'sharp';
import { shippedAsset } from '../../shipped-asset';
import type { RawImage } from './decode-image';
import { RegionSchema, WatermarkSettingsSchema, type EnabledWatermark, type Region, type WatermarkSettings } from './schemas';

/**
 * The watermark font ships in the repo (DejaVu Sans Bold, Bitstream Vera licence, see
 * assets/fonts/DejaVu-LICENSE.txt). Lambda has no system fonts, and a system font would make the
 * output depend on the machine; with the file given to Pango directly, every machine draws the same pixels.
 */
export const WATERMARK_FONT_FAMILY = 'DejaVu Sans Bold';
const FONT_FILE = 'fonts/DejaVuSans-Bold.ttf';

/** Text height as a share of the image's shorter side: readable on a phone, small enough not to cover a face. */
const TEXT_HEIGHT_RATIO = 0.045;
/** Distance from the edges, as a share of the shorter side, so the mark survives a slight crop. */
const MARGIN_RATIO = 0.03;
/** Long text is drawn smaller rather than wrapped, and never wider than this share of the image. */
const MAX_WIDTH_RATIO = 0.9;
/** Below this the glyphs blur into a smudge; such tiny images get the mark scaled down instead. */
const MIN_TEXT_PX = 9;
/** A dark offset copy under the white text keeps it legible on white skies and white shirts alike. */
const SHADOW_OPACITY = 0.6;

export interface WatermarkOverlay {
  /** RGBA pixels, alpha already scaled by the setting's opacity. */
  data: Buffer;
  width: number;
  height: number;
  /** Where the overlay goes on the canvas; nothing outside it changes. */
  region: Region;
}

let resolvedFontFile: string | undefined;

/** The shipped font (lib/shipped-asset.ts), found once. */
export function watermarkFontFile(): string {
  resolvedFontFile ??= shippedAsset(FONT_FILE);
  return resolvedFontFile;
}

/** Draws the watermark for a canvas of the given size and says where it goes. Pure: same input, same pixels. */
export async function renderWatermark(canvas: { width: number; height: number }, settings: EnabledWatermark): Promise<WatermarkOverlay> {
  const shortSide = Math.min(canvas.width, canvas.height);
  const margin = Math.round(shortSide * MARGIN_RATIO);
  const maxWidth = Math.max(1, Math.floor(Math.min(canvas.width * MAX_WIDTH_RATIO, canvas.width - 2 * margin)));
  const maxHeight = Math.max(1, canvas.height - 2 * margin);

  let px = Math.max(MIN_TEXT_PX, Math.round(shortSide * TEXT_HEIGHT_RATIO));
  let overlay = await drawText(settings.text, px, settings.opacity);
  if (overlay.width > maxWidth && px > MIN_TEXT_PX) {
    px = Math.max(MIN_TEXT_PX, Math.floor((px * maxWidth) / overlay.width));
    overlay = await drawText(settings.text, px, settings.opacity);
  }
  if (overlay.width > maxWidth || overlay.height > maxHeight) overlay = await shrinkToFit(overlay, maxWidth, maxHeight);

  const region = RegionSchema.parse({ ...placement(canvas, overlay, settings.position, margin), width: overlay.width, height: overlay.height });
  return { ...overlay, region };
}

/**
 * Puts the watermark on every frame of a decoded image. With the setting off, returns the image
 * untouched and no region.
 */
export async function applyWatermark(image: RawImage, settings: WatermarkSettings): Promise<{ image: RawImage; region: Region | null }> {
  const setting = WatermarkSettingsSchema.parse(settings);
  if (!setting.enabled) return { image, region: null };

  const overlay = await renderWatermark(image, setting);
  const frames = Array.from({ length: image.frames }, (_, frame) => ({
    input: overlay.data,
    raw: { width: overlay.width, height: overlay.height, channels: 4 as const },
    left: overlay.region.left,
    top: overlay.region.top + frame * image.height,
  }));
  // The frames are composited as one tall picture, each at its own offset, so no frame is missed.
  const composited = sharp(image.data, { raw: { width: image.width, height: image.height * image.frames, channels: image.channels } }).composite(frames);
  // Compositing an RGBA overlay yields RGBA; an opaque image stays three channels.
  const data = await (image.channels === 3 ? composited.removeAlpha() : composited).raw().toBuffer();
  return { image: { ...image, data }, region: overlay.region };
}

async function drawText(text: string, px: number, opacity: number): Promise<{ data: Buffer; width: number; height: number }> {
  const glyphs = (colour: string) =>
    sharp({
      text: {
        text: `<span foreground="${colour}">${escapeMarkup(text)}</span>`,
        font: `${WATERMARK_FONT_FAMILY} ${px}px`,
        fontfile: watermarkFontFile(),
        rgba: true,
      },
    })
      .raw()
      .toBuffer({ resolveWithObject: true });

  const [white, black] = await Promise.all([glyphs('#ffffff'), glyphs('#000000')]);
  const offset = Math.max(1, Math.round(px / 14));
  const width = white.info.width + offset;
  const height = white.info.height + offset;
  const shadow = await sharp(black.data, { raw: { width: black.info.width, height: black.info.height, channels: 4 } })
    .linear([1, 1, 1, SHADOW_OPACITY], [0, 0, 0, 0])
    .raw()
    .toBuffer();
  const combined = await sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([
      { input: shadow, raw: { width: black.info.width, height: black.info.height, channels: 4 }, left: offset, top: offset },
      { input: white.data, raw: { width: white.info.width, height: white.info.height, channels: 4 }, left: 0, top: 0 },
    ])
    .raw()
    .toBuffer();
  const data = await sharp(combined, { raw: { width, height, channels: 4 } })
    .linear([1, 1, 1, opacity], [0, 0, 0, 0])
    .raw()
    .toBuffer();
  return { data, width, height };
}

async function shrinkToFit(overlay: { data: Buffer; width: number; height: number }, maxWidth: number, maxHeight: number) {
  const { data, info } = await sharp(overlay.data, { raw: { width: overlay.width, height: overlay.height, channels: 4 } })
    .resize({ width: maxWidth, height: maxHeight, fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function placement(
  canvas: { width: number; height: number },
  overlay: { width: number; height: number },
  position: EnabledWatermark['position'],
  margin: number,
): { left: number; top: number } {
  const right = Math.max(0, canvas.width - overlay.width - margin);
  const bottom = Math.max(0, canvas.height - overlay.height - margin);
  const left = Math.min(margin, right);
  const top = Math.min(margin, bottom);
  switch (position) {
    case 'top-left':
      return { left, top };
    case 'top-right':
      return { left: right, top };
    case 'bottom-left':
      return { left, top: bottom };
    case 'bottom-right':
      return { left: right, top: bottom };
    case 'center':
      return { left: Math.floor((canvas.width - overlay.width) / 2), top: Math.floor((canvas.height - overlay.height) / 2) };
  }
}

/** Pango reads the text as markup; a user's "<3 & co" must stay text. */
function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
