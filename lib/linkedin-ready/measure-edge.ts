import sharp from 'sharp';
import type { RgbImage } from './cut-frame';
import type { Matte } from './make-matte';

/**
 * How clean the person's edge is after the background was replaced by a plain colour, measured
 * without a hand-made matte to compare with:
 *
 * - The edge zone is every pixel within EDGE_ZONE of the side from the model's own edge (its
 *   256-px mask scaled up, before any refinement), so every refinement is judged on the same pixels.
 * - Each pixel there is called background or person by its colour: closer to the mean colour of
 *   the sure background nearby (the mask's clear outside, beyond the zone) or to the sure person's,
 *   by at least a factor CLEAR_COLOUR; pixels between the two (hair strands over the background,
 *   already mixed) are not counted.
 * - halo: over the background pixels, how much of the original pixel is still there instead of the
 *   plain colour (|out − colour| / |original − colour|), as a mean: the fringe one sees.
 * - eaten: over the person pixels, how much of them was replaced by the colour (|out − original| / |colour − original|).
 *
 * Pixels that already look like the plain colour are left out (the figures would divide by nothing).
 */
export interface EdgeQuality {
  halo: number;
  eaten: number;
  backgroundPixels: number;
  personPixels: number;
}

const EDGE_ZONE = 1 / 40;
const CLEAR_COLOUR = 0.5;
const MIN_COLOUR_DISTANCE = 60;

export async function measureEdge(original: RgbImage, composite: RgbImage, coarse: Matte, colour: [number, number, number]): Promise<EdgeQuality> {
  const { width, height } = original;
  const count = width * height;
  const zoneWidth = Math.max(3, Math.round(width * EDGE_ZONE));
  const single = { raw: { width, height, channels: 1 as const } };
  const spread = await sharp(Buffer.from(coarse.data.map((opacity) => (opacity >= 128 ? 255 : 0))), single).blur(zoneWidth / 2).toColourspace('b-w').raw().toBuffer();
  const inZone = (i: number) => spread[i]! > 5 && spread[i]! < 250;

  const sure = (keep: (opacity: number) => boolean) => {
    const data = Buffer.alloc(count * 4);
    for (let i = 0; i < count; i++) {
      data.set(original.data.subarray(i * 3, i * 3 + 3), i * 4);
      data[i * 4 + 3] = !inZone(i) && keep(coarse.data[i]!) ? 255 : 0;
    }
    // Blurred premultiplied, the colour is the mean over the sure pixels around; the alpha says whether there were any.
    return sharp(data, { raw: { width, height, channels: 4 } }).blur(zoneWidth).raw().toBuffer();
  };
  const [behind, person] = await Promise.all([sure((opacity) => opacity < 26), sure((opacity) => opacity > 229)]);

  let [halo, background, eaten, personPixels] = [0, 0, 0, 0];
  for (let i = 0; i < count; i++) {
    if (!inZone(i) || behind[i * 4 + 3]! < 8 || person[i * 4 + 3]! < 8) continue;
    const pixel = original.data.subarray(i * 3, i * 3 + 3);
    const toColour = distance(pixel, colour);
    if (toColour < MIN_COLOUR_DISTANCE) continue;
    const toBehind = distance(pixel, behind.subarray(i * 4, i * 4 + 3));
    const toPerson = distance(pixel, person.subarray(i * 4, i * 4 + 3));
    const out = composite.data.subarray(i * 3, i * 3 + 3);
    if (toBehind < CLEAR_COLOUR * toPerson) {
      halo += Math.min(1, distance(out, colour) / toColour);
      background++;
    } else if (toPerson < CLEAR_COLOUR * toBehind) {
      eaten += Math.min(1, distance(out, pixel) / toColour);
      personPixels++;
    }
  }
  return { halo: background ? halo / background : 0, eaten: personPixels ? eaten / personPixels : 0, backgroundPixels: background, personPixels };
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}
