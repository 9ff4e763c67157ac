import { PREVIEW_HEIGHT, PREVIEW_WIDTH, type PresentedLink } from '@/lib/links';
import { buildQrSvg } from '@/lib/links/qr-code';
import { html, trusted } from '@/app/_html/html';
import { SITE_NAME } from '@/app/site';
import { pageOf } from './share-document';

const TITLE = 'A photo shared with you';
const DESCRIPTION = 'Shared on Headshot. Open the link to see the photo.';

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
  const qr = await buildQrSvg(pageUrl);
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

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
