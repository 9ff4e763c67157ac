import exifReader from 'exif-reader';
import sharp from 'sharp';
import { bufferInput, type LeftoverMetadataKind } from './schemas';

/** Markers that begin an EXIF block and an XMP packet wherever they are embedded. */
const EXIF_MARKER = Buffer.from('Exif\0\0', 'latin1');
const XMP_MARKER = Buffer.from('ns.adobe.com/xap/', 'latin1');

/**
 * Lists the metadata a derived file still carries; an empty list means clean. Used by the tests
 * and by `npm run process` to report what actually is in the outputs, rather than what should be.
 * Asks sharp's parsers and also scans the bytes, so a block sharp doesn't surface is still caught.
 */
export async function findLeftoverMetadata(file: Buffer): Promise<LeftoverMetadataKind[]> {
  const bytes = bufferInput.parse(file);
  const header = await sharp(bytes, { limitInputPixels: false }).metadata();
  const found = new Set<LeftoverMetadataKind>();

  if (header.exif || bytes.includes(EXIF_MARKER)) found.add('exif');
  if (header.exif && hasGps(header.exif)) found.add('gps');
  if (header.xmp || bytes.includes(XMP_MARKER)) found.add('xmp');
  if (header.iptc) found.add('iptc');
  if (header.icc) found.add('icc');
  if (header.comments?.length) found.add('comments');
  return [...found];
}

function hasGps(exif: Buffer): boolean {
  try {
    const gps = exifReader(exif).GPSInfo;
    return gps !== undefined && Object.keys(gps).length > 0;
  } catch {
    // Unreadable EXIF still counts as EXIF (reported above); it just can't be shown to hold GPS.
    return false;
  }
}
