import { describe, expect, it } from 'vitest';
import { decodeEventKey, encodeEventKey } from './s3-keys';

describe('S3 event keys', () => {
  it.each([
    ['uploads/u1/i1/original', 'uploads/u1/i1/original'],
    ['a b/c.jpg', 'a+b/c.jpg'],
    ['ü+x (1).jpg', '%C3%BC%2Bx+%281%29.jpg'],
    ['100%*~.png', '100%25*%7E.png'],
    ["it's!.jpg", 'it%27s%21.jpg'],
  ])('encodes %j as AWS does', (key, encoded) => {
    expect(encodeEventKey(key)).toBe(encoded);
    expect(decodeEventKey(encoded)).toBe(key);
  });
});
