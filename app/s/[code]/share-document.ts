import { documentOf } from '@/app/_html/document';
import { html, type Html } from '@/app/_html/html';
import { SITE_NAME } from '@/app/site';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH } from '@/lib/links/render-preview-image';

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
form.unlock{width:100%;max-width:22rem;margin:15vh auto 0;padding:1.5rem;display:flex;flex-direction:column;gap:.75rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem}
form.unlock label{display:flex;flex-direction:column;gap:.375rem;font-size:.875rem;font-weight:600}
form.unlock input{font:inherit;font-weight:400;padding:.5rem .75rem;border:1px solid #cbd5e1;border-radius:.375rem;background:#fff;color:#0f172a}
form.unlock input:focus-visible,form.unlock button:focus-visible{outline:2px solid #0a66c2;outline-offset:2px}
form.unlock button{font:inherit;font-weight:600;padding:.6rem 1rem;border:0;border-radius:.375rem;background:#0a66c2;color:#fff;cursor:pointer}
form.unlock button:hover{background:#0958a8}
form.unlock .error{color:#b91c1c;font-weight:600}
@media(prefers-color-scheme:dark){
figure,aside,form.unlock{background:#0f172a;border-color:#273449}
form.unlock input{background:#020617;border-color:#475569;color:#f8fafc}
form.unlock .error{color:#fca5a5}
footer{color:#a3b1c6}
}
`;

export function pageOf(options: { title: string; head?: Html; body: Html; /** A page's own rules, after these. */ style?: string }): string {
  return documentOf({ ...options, indexable: false, style: STYLE + (options.style ?? '') });
}

/** The share pages run no script and load nothing but their own images and inline style. */
/**
 * The tags an unfurler reads (Open Graph, Twitter's card) for a link's page: its title and sentence,
 * and its 1200 × 630 card, which is always the link's own /card.jpg (a protected link's is the
 * neutral one). `canonical` is left out where the page is not the link's content (the password form).
 */
export function previewTags(options: { pageUrl: string; title: string; description: string; canonical?: boolean }): Html {
  const { pageUrl, title, description } = options;
  const cardUrl = `${pageUrl}/card.jpg`;
  return html`
<meta name="description" content="${description}">${options.canonical === false ? '' : html`
<link rel="canonical" href="${pageUrl}">`}
<meta property="og:type" content="website">
<meta property="og:site_name" content="${SITE_NAME}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${pageUrl}">
<meta property="og:image" content="${cardUrl}">
<meta property="og:image:type" content="image/jpeg">
<meta property="og:image:width" content="${PREVIEW_WIDTH}">
<meta property="og:image:height" content="${PREVIEW_HEIGHT}">
<meta property="og:image:alt" content="${title}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">
<meta name="twitter:image" content="${cardUrl}">`;
}

/** When a link stops working, for a visitor anywhere: in UTC, said so (the page is the same for everyone, and cached). */
export function validUntilNote(validUntil: number | null): Html | null {
  if (validUntil === null) return null;
  const end = new Date(validUntil);
  return html`<p>This link stops working on <time datetime="${end.toISOString()}">${end.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>.</p>`;
}

export const SHARE_PAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The one page for a code that shows nothing: unknown, revoked and expired codes all get this
 * same body (only the status differs, 404 or 410), so it never says whether a code existed.
 */
export const UNAVAILABLE_PAGE = pageOf({
  title: `Link not available · ${SITE_NAME}`,
  body: html`<div class="center"><h1>This link is not available</h1><p>The address may be mistyped, or the person who shared it may have turned it off or let it expire.</p></div>`,
});

/** The password page posts its form to itself, and nothing else: the one change from the share page's policy. */
export const PASSWORD_PAGE_CSP = SHARE_PAGE_CSP.replace("form-action 'none'", "form-action 'self'");

// One wording for a photo and an album: a wrong password's answer knows nothing of the link behind it.
const PROTECTED_TITLE = 'A protected link';
const PROTECTED_DESCRIPTION = 'Shared on Headshot. Open the link and enter its password to see what was shared.';

/**
 * What a protected link shows until its password is given: a form that posts the password to the
 * page's own address, and card tags whose image is the neutral protected card, never the photo.
 */
export function passwordPage(options: { origin: string; code: string; error?: string; referer?: string | null }): string {
  const pageUrl = `${options.origin}/s/${options.code}`;
  const head = previewTags({ pageUrl, title: PROTECTED_TITLE, description: PROTECTED_DESCRIPTION, canonical: false });
  return pageOf({
    title: `${PROTECTED_TITLE} · ${SITE_NAME}`,
    head,
    body: html`<main><form class="unlock" method="post" action="/s/${options.code}">
<h1>${PROTECTED_TITLE}</h1>
<p>The person who shared this link protected it with a password.</p>
${options.referer ? html`<input type="hidden" name="referer" value="${options.referer.slice(0, 2000)}">` : null}
<label>Password<input type="password" name="password" required maxlength="128" autocomplete="current-password" autofocus${options.error ? html` aria-invalid="true" aria-describedby="unlock-error"` : null}></label>
${options.error ? html`<p class="error" id="unlock-error" role="alert">${options.error}</p>` : null}
<button type="submit">Open</button>
</form></main>
<footer>Shared with ${SITE_NAME}</footer>`,
  });
}

export function tooManyRequestsPage(retryAfterSeconds: number): string {
  return pageOf({
    title: `Too many requests · ${SITE_NAME}`,
    body: html`<div class="center"><h1>Too many requests</h1><p>Please wait ${retryAfterSeconds} seconds, then try again.</p></div>`,
  });
}
