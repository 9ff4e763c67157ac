/**
 * Names a file's format from its first bytes (its magic number), before any decoder sees it.
 * Bytes that match none of the accepted signatures are never handed to sharp, so SVG, PDF and the
 * other formats libvips could parse never reach their (larger, riskier) parsers.
 */
export type SniffedFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'avif' | 'heic' | 'heif' | 'svg' | 'unknown';

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
/** Brands that say "HEIF container" without saying which codec: AVIF and HEIC both use them. */
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1', 'miaf']);

/** How far into a text file an `<svg` tag is looked for (XML prolog, doctype and comments come first). */
const SVG_SNIFF_BYTES = 4096;

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  const startsWith = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);

  if (startsWith(0xff, 0xd8, 0xff)) return 'jpeg';
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  // Little- and big-endian TIFF, and their BigTIFF forms.
  if (startsWith(0x49, 0x49, 0x2a, 0x00) || startsWith(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (startsWith(0x49, 0x49, 0x2b, 0x00) || startsWith(0x4d, 0x4d, 0x00, 0x2b)) return 'tiff';
  if (ascii(4, 8) === 'ftyp') return sniffHeifBrand(bytes);
  if (looksLikeSvg(bytes)) return 'svg';
  return 'unknown';
}

/** An ISO-BMFF `ftyp` box: major brand at 8, then compatible brands from 16 to the box's end. */
function sniffHeifBrand(bytes: Uint8Array): SniffedFormat {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) return 'unknown';
  const boxSize = Math.min(view.getUint32(0), bytes.length);
  const brands = [bytes.subarray(8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(bytes.subarray(offset, offset + 4));
  const names = brands.map((brand) => String.fromCharCode(...brand));
  if (names.some((name) => AVIF_BRANDS.has(name))) return 'avif';
  if (names.some((name) => HEIC_BRANDS.has(name))) return 'heic';
  if (names.some((name) => GENERIC_HEIF_BRANDS.has(name))) return 'heif';
  return 'unknown';
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, SVG_SNIFF_BYTES));
  return /^\uFEFF?\s*</.test(head) && /<svg[\s>]/i.test(head);
}
