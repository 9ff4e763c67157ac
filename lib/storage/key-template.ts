import { compile, match } from 'path-to-regexp';

/**
 * The ids a key may carry: what our id generators and Clerk's user ids are made of (a face's id is
 * its image's id and a number, `<imageId>.<n>`), and never a `/`, so no id can pass for another part of the key.
 */
const ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

export interface KeyTemplate<Name extends string> {
  /** The key for these ids; throws for an id that could reach outside its place in the key. */
  build(ids: Record<Name, string>): string;
  /** The ids a key holds, or null for a key this template never builds. */
  parse(key: string): Record<Name, string> | null;
}

/**
 * One object key shape (`uploads/:userId/:imageId/original`) that both builds keys and reads them
 * back, so the handlers that trust the ids in a key read exactly what the writers put there.
 */
export function keyTemplate<Name extends string>(pattern: string): KeyTemplate<Name> {
  const toKey = compile(pattern, { encode: false });
  // Keys are compared byte for byte, as S3 does: no case folding, no decoding, no trailing slash.
  const fromKey = match(pattern, { decode: false, sensitive: true, trailing: false });
  const checked = (ids: Record<string, unknown>): ids is Record<Name, string> => Object.values(ids).every((id) => typeof id === 'string' && ID.test(id));
  return {
    build(ids) {
      if (!checked(ids)) throw new Error(`Not an id for ${pattern}: ${JSON.stringify(ids)}`);
      return toKey(ids);
    },
    parse(key) {
      const found = fromKey(key);
      return found && checked(found.params) ? found.params : null;
    },
  };
}
