import { readFile } from 'node:fs/promises';
import jsQR, { type QRCode as Decoded } from 'jsqr';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildQrSvg, QR_LOGO_MARK } from './qr-code';

/** Renders the SVG to pixels with sharp, as a download would be, and reads it back with jsQR, a decoder not written here. */
async function read(svg: string, width: number): Promise<Decoded | null> {
  const { data, info } = await sharp(Buffer.from(svg)).resize(width).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
}

async function decode(svg: string, width: number): Promise<string | null> {
  return (await read(svg, width))?.data ?? null;
}

const SHORT = 'http://localhost:3000/s/F6bOvszDcgCX';
const LONG = `https://headshot.example.com/s/F6bOvszDcgCX?${'utm_source=a-very-long-campaign-name&'.repeat(6)}end=1`;

describe('buildQrSvg', () => {
  it.each([
    ['a short URL', SHORT],
    ['a long URL', LONG],
  ])('draws %s at level H with the logo in the centre, and the PNG sharp makes of it decodes back to that URL', async (_, url) => {
    const svg = await buildQrSvg(url);
    expect(svg).toContain(QR_LOGO_MARK);
    const decoded = await read(svg, 600);
    expect(decoded?.data).toBe(url);
    // jsQR does not report the level; the version (size) it read is the one level H needs for this URL, which
    // for these lengths is larger than any lower level's.
    expect(decoded?.version).toBe(QRCode.create(url, { errorCorrectionLevel: 'H' }).version);
    expect(QRCode.create(url, { errorCorrectionLevel: 'Q' }).version).toBeLessThan(decoded!.version);
  });

  it('still decodes at the small size the share panel shows', async () => {
    expect(await decode(await buildQrSvg(SHORT, { size: 320 }), 320)).toBe(SHORT);
  });

  it('carries the same mark as app/icon.svg', async () => {
    const icon = await readFile(new URL('../../app/icon.svg', import.meta.url), 'utf8');
    expect(icon).toContain(QR_LOGO_MARK);
  });
});
