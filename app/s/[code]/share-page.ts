import QRCode from 'qrcode';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, type PresentedLink } from '@/lib/links';
import { documentOf } from '@/app/_html/document';
import { html, trusted, type Html } from '@/app/_html/html';

const SITE_NAME = 'Headshot';
const TITLE = 'A photo shared with you';
const DESCRIPTION = 'Shared on Headshot. Open the link to see the photo.';

/**
 * The share page's own layout, after the shared look (app/_html/document.ts).
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

function pageOf(options: { title: string; head?: Html; body: Html }): string {
  return documentOf({ ...options, indexable: false, style: STYLE });
}

/** The share pages run no script and load nothing but their own images and inline style. */
export const SHARE_PAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface SharePageInput {
  /** The site's origin as the visitor reached it, for the absolute URLs unfurlers need. */
  origin: string;
  code: string;
  presented: PresentedLink;
}

export interface RenderedSharePage {
  html: string;
}

/** The public page of an active link: the photo, its card meta tags, a QR code and, if allowed, a download. */
export async function renderSharePage({ origin, code, presented }: SharePageInput): Promise<RenderedSharePage> {
  const pageUrl = `${origin}/s/${code}`;
  const cardUrl = `${pageUrl}/card.jpg`;
  const qr = await QRCode.toString(pageUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const expires = presented.validUntil === null ? null : new Date(presented.validUntil);

  const head = html`
<meta name="description" content="${DESCRIPTION}">
<link rel="canonical" href="${pageUrl}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="${SITE_NAME}">
<meta property="og:title" content="${TITLE}">
<meta property="og:description" content="${DESCRIPTION}">
<meta property="og:url" content="${pageUrl}">
<meta property="og:image" content="${cardUrl}">
<meta property="og:image:type" content="image/jpeg">
<meta property="og:image:width" content="${PREVIEW_WIDTH}">
<meta property="og:image:height" content="${PREVIEW_HEIGHT}">
<meta property="og:image:alt" content="${TITLE}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${TITLE}">
<meta name="twitter:description" content="${DESCRIPTION}">
<meta name="twitter:image" content="${cardUrl}">`;

  const body = html`<main>
<figure><picture><source type="image/webp" srcset="${presented.imageUrl}"><img src="${presented.fallbackUrl}" width="${presented.width}" height="${presented.height}" alt="Shared photo" data-testid="shared-photo"></picture></figure>
<aside>
<h1>${TITLE}</h1>
${presented.downloadUrl ? html`<a class="button" href="${presented.downloadUrl}" download>Download</a>` : null}
<div role="img" aria-label="QR code of this page's address">${trusted(qr)}</div>
<p>Scan to open this photo on another device.</p>
${expires ? html`<p>This link stops working on <time datetime="${expires.toISOString()}">${formatUtc(expires)}</time>.</p>` : null}
</aside>
</main>
<footer>Shared with ${SITE_NAME}</footer>`;

  return { html: pageOf({ title: `${TITLE} · ${SITE_NAME}`, head, body }) };
}

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

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
