import { describe, expect, it } from 'vitest';
import {
  accountDeletionKey,
  analysisInputKey,
  exportArchiveKey,
  exportRequestKey,
  faceIndexInputKey,
  faceThumbnailKey,
  originalKey,
  parseAccountDeletionKey,
  parseAnalysisInputKey,
  parseExportArchiveKey,
  parseExportRequestKey,
  parseFaceIndexInputKey,
  parseFaceThumbnailKey,
  parseOriginalKey,
  parseReadyRequestKey,
  parseWatermarkRequestKey,
  readyRequestKey,
  watermarkRequestKey,
} from './keys';

const userId = 'user_2xYz-9';
const imageId = 'Ab3_dE-f';

describe('object keys', () => {
  it('read back the ids every trigger key was built from', () => {
    expect(originalKey(userId, imageId)).toBe(`uploads/${userId}/${imageId}/original`);
    expect(parseOriginalKey(originalKey(userId, imageId))).toEqual({ userId, imageId });
    expect(parseAnalysisInputKey(analysisInputKey(userId, imageId))).toEqual({ userId, imageId });
    expect(parseFaceIndexInputKey(faceIndexInputKey(userId, imageId))).toEqual({ userId, imageId });
    expect(parseReadyRequestKey(readyRequestKey(userId, imageId))).toEqual({ userId, imageId });
    expect(parseWatermarkRequestKey(watermarkRequestKey(userId))).toEqual({ userId });
    expect(parseAccountDeletionKey(accountDeletionKey(userId))).toEqual({ userId });
    expect(parseExportRequestKey(exportRequestKey(userId, 'exp1'))).toEqual({ userId, exportId: 'exp1' });
    expect(parseExportArchiveKey(exportArchiveKey(userId, 'exp1'))).toEqual({ userId, exportId: 'exp1' });
    // A face's id is its image's and a number.
    expect(faceThumbnailKey(userId, imageId, `${imageId}.2`)).toBe(`face-thumbnails/${userId}/${imageId}/${imageId}.2.jpeg`);
    expect(parseFaceThumbnailKey(faceThumbnailKey(userId, imageId, `${imageId}.2`))).toEqual({ userId, imageId, faceId: `${imageId}.2` });
  });

  it('name no owner for a key they never build: another prefix or file, other case, a trailing slash, an extra level, an encoded slash', () => {
    for (const key of [
      `uploads/${userId}/${imageId}/original/`,
      `Uploads/${userId}/${imageId}/original`,
      `uploads/${userId}/${imageId}/ORIGINAL`,
      `uploads/${userId}/x/${imageId}/original`,
      `uploads/${userId}%2F${imageId}/x/original`,
      `uploads/.hidden/${imageId}/original`,
      `analysis/${userId}/${imageId}/input.jpg`,
      `uploads/${userId}/${imageId}/original.jpg`,
    ]) {
      expect(parseOriginalKey(key), key).toBeNull();
    }
    expect(parseAnalysisInputKey(`analysis/${userId}/${imageId}/input.png`)).toBeNull();
    expect(parseExportArchiveKey(`exports/${userId}/exp1/other.zip`)).toBeNull();
    expect(parseWatermarkRequestKey(`watermark-requests/${userId}/x/request.json`)).toBeNull();
  });

  it('refuse to build a key from an id that would reach outside its place', () => {
    expect(() => originalKey('a/b', imageId)).toThrow(/Not an id/);
    expect(() => originalKey(userId, '')).toThrow(/Not an id/);
    expect(() => accountDeletionKey('../other')).toThrow(/Not an id/);
  });
});
