import { resources } from '../aws/resources';
import { readObject } from '../storage';
import type { SharedLink } from './schemas';

// The 1200×630 card image of an active link; null if its file is gone (the image is being deleted).
export async function readLinkPreview(link: SharedLink): Promise<Buffer | null> {
  return (await readObject(resources.mediaBucket, link.previewKey))?.body ?? null;
}
