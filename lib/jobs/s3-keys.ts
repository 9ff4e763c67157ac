/*
 * S3 event records carry object keys form-encoded (like Java's URLEncoder, "/" aside): letters,
 * digits, "-", "_", ".", "*" and "/" stay, a space becomes "+", and every other byte of the UTF-8
 * key is percent-encoded. Handlers must decode before using a key.
 */

/** An event record's key as the object's real key. */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** A key as S3 writes it into an event record, for the local cloud's events to look like AWS's. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/')
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
