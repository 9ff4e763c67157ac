import { describe, expect, it } from 'vitest';
import { html, trusted } from '@/app/_html/html';
import { passwordPage, PASSWORD_PAGE_CSP, SHARE_PAGE_CSP, tooManyRequestsPage, UNAVAILABLE_PAGE } from './share-document';
import { renderSharePage } from './share-page';

const presented = {
  width: 1280,
  height: 960,
  imageUrl: '/s/AbCdEfGhIjKl/photo.webp',
  fallbackUrl: '/s/AbCdEfGhIjKl/photo.jpg',
  downloadUrl: null,
  validUntil: null,
};

describe('the html template', () => {
  it('escapes interpolated text and attribute values, and keeps its own markup', () => {
    const evil = '"><script>alert(1)</script>';
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(html`<div>${html`<b>${'a&b'}</b>`}${[html`<i>1</i>`, '<2>']}${null}${false}</div>`.value).toBe('<div><b>a&amp;b</b><i>1</i>&lt;2&gt;</div>');
    expect(html`${trusted('<svg/>')}`.value).toBe('<svg/>');
  });
});

describe('the share page', () => {
  it('carries Open Graph and Twitter card tags with an absolute 1200×630 card image', async () => {
    const { html: page } = await renderSharePage({ origin: 'https://headshot.example', code: 'AbCdEfGhIjKl', presented });
    expect(page).toContain('<meta property="og:image" content="https://headshot.example/s/AbCdEfGhIjKl/card.jpg">');
    expect(page).toContain('<meta property="og:image:width" content="1200">');
    expect(page).toContain('<meta property="og:image:height" content="630">');
    expect(page).toContain('<meta property="og:url" content="https://headshot.example/s/AbCdEfGhIjKl">');
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(page).toContain('<meta name="twitter:image" content="https://headshot.example/s/AbCdEfGhIjKl/card.jpg">');
  });

  it("shows the photo through the link's own paths, a QR code, and a download only when allowed", async () => {
    const { html: page } = await renderSharePage({ origin: 'https://headshot.example', code: 'AbCdEfGhIjKl', presented });
    expect(page).toContain('srcset="/s/AbCdEfGhIjKl/photo.webp"');
    expect(page).toContain('src="/s/AbCdEfGhIjKl/photo.jpg"');
    expect(page).toContain('width="1280" height="960"');
    expect(page).toMatch(/<svg[^>]*viewBox/);
    expect(page).not.toContain('Download');
    expect(page).not.toContain('<script');
    expect(SHARE_PAGE_CSP).toContain("img-src 'self';");

    const withDownload = await renderSharePage({
      origin: 'https://headshot.example',
      code: 'AbCdEfGhIjKl',
      presented: { ...presented, downloadUrl: '/s/AbCdEfGhIjKl/download.jpg', validUntil: Date.UTC(2026, 5, 1, 12, 30) },
    });
    expect(withDownload.html).toContain('<a class="button" href="/s/AbCdEfGhIjKl/download.jpg" download>Download</a>');
    expect(withDownload.html).toContain('2026-06-01 12:30 UTC');
  });

  it('gives unknown, revoked and expired codes one page that says nothing of the code', () => {
    expect(UNAVAILABLE_PAGE).toContain('This link is not available');
    expect(UNAVAILABLE_PAGE).not.toMatch(/og:image/);
    expect(tooManyRequestsPage(42)).toContain('wait 42 seconds');
  });
});

describe("a protected link's password page", () => {
  it('posts to the link itself, shows its error, and its card tags carry the neutral card, no photo', () => {
    const page = passwordPage({ origin: 'https://headshot.example', code: 'AbCdEfGhIjKl', error: 'That password is not right.' });
    expect(page).toContain('<form class="unlock" method="post" action="/s/AbCdEfGhIjKl">');
    expect(page).toContain('<input type="password" name="password"');
    expect(page).toContain('role="alert">That password is not right.</p>');
    expect(page).toContain('<meta property="og:image" content="https://headshot.example/s/AbCdEfGhIjKl/card.jpg">');
    expect(page).not.toMatch(/photo\.(webp|jpg)/);
    expect(page).not.toContain('<script');
    expect(PASSWORD_PAGE_CSP).toContain("form-action 'self'");
    expect(SHARE_PAGE_CSP).toContain("form-action 'none'");
  });
});
