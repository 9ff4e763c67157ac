import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { analysisInputKey, exportArchiveKey, faceThumbnailKey, readyPhotoKey, variantFileKey } from './keys';
import { MEDIA_VIEWER_REQUEST_FUNCTION, mediaPath, userMediaPath } from './media-paths';

const userId = 'user_2xYz-9';
const imageId = 'Ab3_dE-f';

/** Runs the viewer-request function as CloudFront would, on a request for `uri`. */
function viewerRequest(uri: string): { uri?: string; statusCode?: number } {
  const context = vm.createContext({});
  vm.runInContext(MEDIA_VIEWER_REQUEST_FUNCTION, context);
  return (context.handler as (event: unknown) => { uri?: string; statusCode?: number })({ request: { method: 'GET', uri, headers: {}, cookies: {}, querystring: {} } });
}

describe('media paths', () => {
  const served = [
    variantFileKey(userId, imageId, { name: 'w256', format: 'webp' }),
    readyPhotoKey(userId, imageId, 'v1'),
    faceThumbnailKey(userId, imageId, `${imageId}.0`),
    exportArchiveKey(userId, 'exp1'),
  ];

  it('put every served key under its user’s path, which the viewer-request function turns back into the key', () => {
    for (const key of served) {
      const path = mediaPath(key);
      expect(path.startsWith(userMediaPath(userId))).toBe(true);
      expect(viewerRequest(path).uri).toBe(`/${key}`);
    }
    expect(mediaPath(variantFileKey(userId, imageId, { name: 'w256', format: 'webp' }))).toBe(`/media/${userId}/images/${imageId}/w256.webp`);
  });

  it('serve no trigger object, and no path that is not one of a served key', () => {
    expect(() => mediaPath(analysisInputKey(userId, imageId))).toThrow();
    for (const uri of [
      `/media/${userId}/analysis/${imageId}/input.jpg`,
      `/media/${userId}/images`,
      `/media/${userId}/images/../../exports/x`,
      `/media//images/${imageId}/w256.webp`,
      `/other/${userId}/images/${imageId}/w256.webp`,
    ]) {
      expect(viewerRequest(uri)).toMatchObject({ statusCode: 404 });
    }
  });

  it('refuse a user id that would be a wildcard in a policy', () => {
    expect(() => userMediaPath('a*b')).toThrow();
    expect(() => userMediaPath('a?b')).toThrow();
  });
});
