/*
 * Object keys are derived, never chosen by the user: the owner and image ids in the key are what the
 * event handlers trust, and a retry writes to the same keys, so it cannot leave orphans behind.
 */

export function originalKey(userId: string, imageId: string): string {
  return `uploads/${userId}/${imageId}/original`;
}

const ORIGINAL_KEY = /^uploads\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/original$/;

/** The owner and image an uploaded object belongs to, or null for a key we never hand out. */
export function parseOriginalKey(key: string): { userId: string; imageId: string } | null {
  const match = ORIGINAL_KEY.exec(key);
  return match ? { userId: match[1]!, imageId: match[2]! } : null;
}

/** Every derived object of an image lives under this prefix in the media bucket. */
export function mediaPrefix(userId: string, imageId: string): string {
  return `images/${userId}/${imageId}/`;
}

export function variantKey(userId: string, imageId: string, fileName: string): string {
  return `${mediaPrefix(userId, imageId)}${fileName}`;
}
