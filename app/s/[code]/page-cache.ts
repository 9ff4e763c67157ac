import type { SharedLink } from '@/lib/links';
import type { RenderedSharePage } from './share-page';

/*
 * Rendered share pages, kept briefly in this instance's memory. Caching stays correct on revoke and
 * expiry because it never replaces the lookup: every request still reads the link (one GetItem), and
 * only an active link reaches this cache. What is reused is the work after the lookup (signing the
 * image URLs, drawing the QR code, writing the markup), keyed by everything the page is made from.
 */

/** The signed URLs in a cached page must stay valid long after it is served (they live 15+ minutes). */
const PAGE_TTL_MS = 60_000;
/** Bounds the memory a flood of distinct codes or Host headers can take. */
const MAX_PAGES = 500;

const pages = new Map<string, { page: RenderedSharePage; until: number }>();

function keyOf(origin: string, link: SharedLink): string {
  return JSON.stringify([origin, link.code, link.webpKey, link.jpegKey, link.width, link.height, link.allowDownload, link.validUntil, link.photos?.map((photo) => [photo.n, photo.webpKey])]);
}

export async function cachedSharePage(
  origin: string,
  link: SharedLink,
  now: number,
  render: () => Promise<RenderedSharePage>,
): Promise<RenderedSharePage> {
  const key = keyOf(origin, link);
  const hit = pages.get(key);
  if (hit && hit.until > now) return hit.page;
  const page = await render();
  if (pages.size >= MAX_PAGES) {
    const oldest = pages.keys().next();
    if (!oldest.done) pages.delete(oldest.value);
  }
  pages.delete(key);
  pages.set(key, { page, until: now + PAGE_TTL_MS });
  return page;
}
