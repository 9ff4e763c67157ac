import { createConversions } from 'electrodb';
import { describe, expect, it } from 'vitest';
import { checkedCursor, cursorInput } from './cursor';
import { Face } from './entities/face';
import { Image } from './entities/image';
import { Link } from './entities/link';

const linkCursor = (userId: string) => createConversions(Link).byAccessPattern.byOwner.fromComposite.toCursor({ userId, createdAt: 1_780_000_000_000, code: 'AbCdEfGhIjKl' });

describe('a cursor from outside', () => {
  it('is used as it is when it is a key of the very list and partition it is handed to', () => {
    const cursor = linkCursor('usr_owner');
    expect(checkedCursor(Link, 'byOwner', { userId: 'usr_owner' }, cursor)).toBe(cursor);
    // Ids as the app makes them (nanoid's '_' and '-', a face's `${imageId}.${n}`): a list's own next page is never lost.
    for (const { userId, personId, imageId } of [
      { userId: 'usr_a-B_c', personId: 'Xy_-9aBcDeFg', imageId: 'k-_LmN0pQrStUvWx' },
      { userId: 'usr_owner', personId: '_', imageId: '-' },
    ]) {
      const face = createConversions(Face).byAccessPattern.byPerson.fromComposite.toCursor({ userId, personId, imageId, faceId: `${imageId}.3` });
      expect(checkedCursor(Face, 'byPerson', { userId, personId }, face)).toBe(face);
      const image = createConversions(Image).byAccessPattern.byOwner.fromComposite.toCursor({ userId, imageId, createdAt: 1_780_000_000_123 });
      expect(checkedCursor(Image, 'byOwner', { userId }, image)).toBe(image);
    }
  });

  it('reads the first page when it does not parse, or names another user, person or list', () => {
    for (const garbled of ['abc', 'zzz', 'e30', 'MQ', '%%%', 'bnVsbA', Buffer.from('{"pk":"x"}').toString('base64url'), 'x'.repeat(2000)]) {
      expect(checkedCursor(Link, 'byOwner', { userId: 'usr_owner' }, garbled), garbled).toBeNull();
    }
    expect(checkedCursor(Link, 'byOwner', { userId: 'usr_owner' }, linkCursor('usr_someone_else'))).toBeNull();
    const face = createConversions(Face).byAccessPattern.byPerson.fromComposite.toCursor({ userId: 'usr_owner', personId: 'p2', imageId: 'img_1', faceId: 'f1' });
    expect(checkedCursor(Face, 'byPerson', { userId: 'usr_owner', personId: 'p1' }, face)).toBeNull();
    expect(checkedCursor(Image, 'byOwner', { userId: 'usr_owner' }, linkCursor('usr_owner'))).toBeNull();
    expect(checkedCursor(Link, 'byOwner', { userId: 'usr_owner' }, null)).toBeNull();
  });

  it('is no cursor at all unless it is one string of a sane length', () => {
    expect(cursorInput.parse('abc')).toBe('abc');
    expect(cursorInput.parse(undefined)).toBeUndefined();
    expect(cursorInput.parse(['a', 'b'])).toBeNull();
    expect(cursorInput.parse('x'.repeat(2049))).toBeNull();
    expect(cursorInput.parse(42)).toBeNull();
  });
});
