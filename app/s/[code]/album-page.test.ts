import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALBUM_PAGE_CSP, renderAlbumPage } from './album-page';

const code = 'AbCdEfGhIjKl';
const photos = [1, 2, 4].map((n) => ({ n, width: 1024, height: 1280, imageUrl: `/s/${code}/${n}/photo.webp`, fallbackUrl: `/s/${code}/${n}/photo.jpg` }));

describe('the album page', () => {
  it('loads its first photo first and the others lazily, and opens each in the lightbox', async () => {
    const { html } = await renderAlbumPage({ origin: 'https://headshot.example', code, presented: { photos, downloadAllUrl: null, validUntil: null } });
    const grid = /<ul class="gallery"[^>]*>([\s\S]*?)<\/ul>/.exec(html)![1]!;
    const images = [...grid.matchAll(/<img [^>]*>/g)].map((match) => match[0]);
    expect(images).toHaveLength(3);
    expect(images[0]).toContain('fetchpriority="high"');
    expect(images[0]).not.toContain('loading=');
    expect(images.slice(1).every((image) => image.includes('loading="lazy"'))).toBe(true);
    // Numbers, not positions: photo 3 left the album, and 4 keeps its own paths.
    expect(grid).toContain(`<a href="#p4" aria-label="Open photo 3 of 3">`);
    expect(html).toContain(`<li id="p4" data-testid="lightbox-photo">`);
    expect(html).toContain('3 photos shared with you');
    expect(html).not.toContain('Download all');
  });

  it('runs exactly the one script its Content-Security-Policy names by hash', async () => {
    const { html } = await renderAlbumPage({ origin: 'https://headshot.example', code, presented: { photos, downloadAllUrl: `/s/${code}/album.zip`, validUntil: null } });
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    expect(scripts).toHaveLength(1);
    expect(ALBUM_PAGE_CSP).toContain(`script-src 'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`);
    expect(ALBUM_PAGE_CSP).toContain("default-src 'none'");
    expect(html).toContain(`<a class="button" href="/s/${code}/album.zip" download>Download all (ZIP)</a>`);
    expect(html).toContain('<meta property="og:image" content="https://headshot.example/s/AbCdEfGhIjKl/card.jpg">');
  });
});
