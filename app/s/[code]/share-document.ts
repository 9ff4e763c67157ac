import { documentOf } from '@/app/_html/document';
import { html, type Html } from '@/app/_html/html';
import { SITE_NAME } from '@/app/site';

/*
 * The share routes' document and the pages that show no photo, apart from the photo's own page
 * (share-page.ts), so that answering "not available" needs neither a QR code nor a lookup: the
 * proxy answers it too, for a share path that does not even decode.
 */

/**
 * The share routes' own layout, after the shared look (app/_html/document.ts).
 * The photo's box is the full width at the ratio of its width and height attributes, fixed before the
 * bytes arrive so nothing moves when they do; a tall photo is letterboxed within 80vh by object-fit.
 */
const STYLE = `
body{display:flex;flex-direction:column;align-items:center}
main{width:100%;max-width:72rem;padding:2rem 1.5rem;display:grid;gap:2rem;grid-template-columns:minmax(0,1fr)}
@media(min-width:900px){main{grid-template-columns:minmax(0,1fr) 16rem;align-items:start}}
figure{margin:0;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem;overflow:hidden}
picture{display:block}
figure img{display:block;width:100%;height:auto;max-height:80vh;object-fit:contain}
aside{display:flex;flex-direction:column;gap:1rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem;padding:1.25rem}
aside svg{width:100%;height:auto}
h1{font-size:1.25rem;margin:0}
p{font-size:.875rem;line-height:1.4}
footer{padding:1rem;font-size:.75rem;color:#475569}
.center{max-width:32rem;margin:20vh auto;text-align:center;display:flex;flex-direction:column;gap:.75rem}
@media(prefers-color-scheme:dark){
figure,aside{background:#0f172a;border-color:#273449}
footer{color:#a3b1c6}
}
`;

export function pageOf(options: { title: string; head?: Html; body: Html; /** A page's own rules, after these. */ style?: string }): string {
  return documentOf({ ...options, indexable: false, style: STYLE + (options.style ?? '') });
}

/** The share pages run no script and load nothing but their own images and inline style. */
export const SHARE_PAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The one page for a code that shows nothing: unknown, revoked and expired codes all get this
 * same body (only the status differs, 404 or 410), so it never says whether a code existed.
 */
export const UNAVAILABLE_PAGE = pageOf({
  title: `Link not available · ${SITE_NAME}`,
  body: html`<div class="center"><h1>This link is not available</h1><p>The address may be mistyped, or the person who shared it may have turned it off or let it expire.</p></div>`,
});

export function tooManyRequestsPage(retryAfterSeconds: number): string {
  return pageOf({
    title: `Too many requests · ${SITE_NAME}`,
    body: html`<div class="center"><h1>Too many requests</h1><p>Please wait ${retryAfterSeconds} seconds, then try again.</p></div>`,
  });
}
