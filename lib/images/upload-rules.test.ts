import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from './transform/limits';
import { declaredTypeOf, uploadRefusal } from './upload-rules';

describe('uploadRefusal, the browser-side check', () => {
  it('accepts the photo types the pipeline reads, up to the size limit', () => {
    expect(uploadRefusal({ name: 'a.jpg', type: 'image/jpeg', size: MAX_UPLOAD_BYTES })).toBeNull();
    expect(uploadRefusal({ name: 'a.gif', type: 'image/gif', size: 1 })).toBeNull();
  });

  it('turns away what the server would, in its words', () => {
    expect(uploadRefusal({ name: 'a.jpg', type: 'image/jpeg', size: MAX_UPLOAD_BYTES + 1 })).toBe('Files are limited to 25 MB.');
    expect(uploadRefusal({ name: 'a.jpg', type: 'image/jpeg', size: 0 })).toBe('The file is empty.');
    expect(uploadRefusal({ name: 'a.svg', type: 'image/svg+xml', size: 10 })).toBe('Only JPEG, PNG, WebP, AVIF, GIF, TIFF and HEIC images can be uploaded (this file is image/svg+xml).');
    expect(uploadRefusal({ name: 'notes', type: '', size: 10 })).toBe('Only JPEG, PNG, WebP, AVIF, GIF, TIFF and HEIC images can be uploaded.');
  });

  it('accepts an iPhone photo, also when the browser knows no type for HEIC', () => {
    expect(declaredTypeOf({ name: 'IMG_1.HEIC', type: '' })).toBe('image/heic');
    expect(declaredTypeOf({ name: 'IMG_1.heif', type: '' })).toBe('image/heif');
    expect(declaredTypeOf({ name: 'notes', type: '' })).toBe('');
    for (const file of [{ name: 'IMG_1.heic', type: 'image/heic' }, { name: 'IMG_1.HEIC', type: '' }, { name: 'IMG_1.HEIF', type: '' }]) {
      expect(uploadRefusal({ ...file, size: 10 })).toBeNull();
    }
  });
});
