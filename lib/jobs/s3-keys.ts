/*
 * S3 event records carry object keys form-encoded (like Java's URLEncoder, "/" aside): letters,
 * digits, "-", "_", ".", "*" and "/" stay, a space becomes "+", and every other byte of the UTF-8
 * key is percent-encoded. Handlers must decode before using a key.
 */

export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export function encodeEventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/')
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
