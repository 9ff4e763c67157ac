import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image';
import { findLeftoverMetadata } from './find-leftover-metadata';
import { inspectImage } from './inspect-image';
import { readCamera, readMetadata } from './read-metadata';
import { ImageMetadataSchema } from './schemas';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
const read = (relative: string) => readFileSync(path.join(fixtures, relative));

async function metadataOf(bytes: Buffer) {
  const inspected = await inspectImage(bytes);
  if (!inspected.ok) throw new Error(inspected.reason);
  return readMetadata(bytes, inspected.info, await decodeImage(bytes, inspected.info));
}

describe('readMetadata', () => {
  it('keeps the camera summary of a photo that carries GPS, and never its location', async () => {
    const metadata = await metadataOf(read('faces/group-sample1.jpg'));
    expect(metadata).toEqual({
      format: 'jpeg',
      width: 1920,
      height: 1280,
      bytes: 144516,
      hasAlpha: false,
      animated: false,
      pages: 1,
      placeholder: expect.stringMatching(/^#[0-9a-f]{6}$/),
      blurDataUrl: expect.stringMatching(/^data:image\/webp;base64,/),
      camera: { make: 'SONY', model: 'ILCE-7M2', capturedAt: '2017-10-31T20:16:18' },
    });
    expect(JSON.stringify(metadata)).not.toMatch(/gps|latitude|longitude|altitude|37[,.]19|121[,.]56/i);
    // The schema is strict, so a location field could not be added by accident either.
    expect(ImageMetadataSchema.safeParse({ ...metadata, location: { lat: 37.3 } }).success).toBe(false);
  });

  it('trims the padding EXIF puts around names', async () => {
    expect(await readCamera(read('bench/photo-13mp.jpg'))).toEqual({ make: 'Meizu', model: 'M5 Note', capturedAt: '2017-04-02T21:33:51' });
  });

  it('has no camera summary for an image without EXIF, or with EXIF that is broken', async () => {
    expect((await metadataOf(read('nofaces/coffee.png'))).camera).toBeUndefined();
    const broken = await sharp(read('nofaces/coffee.png')).withExif({ IFD0: { Make: 'x' } }).jpeg().toBuffer();
    // Corrupt the EXIF block's byte-order mark so no parser can read it.
    const at = broken.indexOf('Exif\0\0', 0, 'latin1') + 6;
    broken.write('XX', at, 'latin1');
    expect(await readCamera(broken)).toBeUndefined();
  });

  it('takes the placeholder colour and preview from the pixels', async () => {
    const solid = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#2050c0' } }).png().toBuffer();
    const metadata = await metadataOf(solid);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(metadata.placeholder.slice(i, i + 2), 16));
    // sharp's dominant colour is the centre of a 16-level histogram bin, so within 8 of the truth.
    expect(Math.abs(r! - 0x20)).toBeLessThanOrEqual(8);
    expect(Math.abs(g! - 0x50)).toBeLessThanOrEqual(8);
    expect(Math.abs(b! - 0xc0)).toBeLessThanOrEqual(8);
    const preview = Buffer.from(metadata.blurDataUrl.split(',')[1]!, 'base64');
    expect(await sharp(preview).metadata()).toMatchObject({ format: 'webp', width: 16, height: 11 });
    expect(metadata.blurDataUrl.length).toBeLessThan(600);
  });

  it('describes an animation by its first frame size and frame count', async () => {
    expect(await metadataOf(read('formats/animated.gif'))).toMatchObject({ format: 'gif', width: 350, height: 189, animated: true, pages: 56, hasAlpha: true });
  });
});

describe('findLeftoverMetadata', () => {
  it('names each kind of metadata a file carries', async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } });
    const tagged = await base
      .clone()
      .withExif({ IFD0: { Make: 'Acme' } })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .withIccProfile('srgb')
      .jpeg()
      .toBuffer();
    expect((await findLeftoverMetadata(tagged)).sort()).toEqual(['exif', 'icc', 'xmp']);
    expect(await findLeftoverMetadata(await base.clone().webp().toBuffer())).toEqual([]);
    expect(await findLeftoverMetadata(read('faces/group-sample1.jpg'))).toEqual(expect.arrayContaining(['exif', 'gps']));
  });
});
