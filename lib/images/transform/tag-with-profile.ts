import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** PNG's signature and its first chunk, IHDR (length, type, 13 bytes of data, CRC): the iCCP chunk must come right after. */
const SIGNATURE_AND_IHDR_BYTES = 8 + 4 + 4 + 13 + 4;

/**
 * Raw pixels as a PNG that carries an ICC profile, for sharp to convert from it. sharp reads raw
 * pixels as sRGB and has no way to be told otherwise (its profile options convert to a profile, never
 * from one), while an image file's embedded profile is honoured; so the pixels are written as a PNG
 * without compression (a copy, not an encode) and the profile added as PNG's own iCCP chunk.
 */
export async function tagWithProfile(pixels: Buffer, raw: { width: number; height: number; channels: 3 | 4 }, icc: Buffer): Promise<Buffer> {
  const png = await sharp(pixels, { raw, limitInputPixels: false }).png({ compressionLevel: 0, adaptiveFiltering: false }).toBuffer();
  // iCCP: a profile name, a NUL, compression method 0 (zlib), the compressed profile.
  const type = Buffer.from('iCCP', 'latin1');
  const data = Buffer.concat([Buffer.from('icc\0\0', 'latin1'), deflateSync(icc)]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  return Buffer.concat([png.subarray(0, SIGNATURE_AND_IHDR_BYTES), length, type, data, crc, png.subarray(SIGNATURE_AND_IHDR_BYTES)]);
}
