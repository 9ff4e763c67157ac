import type { PresentedLink } from '@/lib/links';
import { buildQrSvg } from '@/lib/links/qr-code';
import { html, trusted } from '@/app/_html/html';
import { SITE_NAME } from '@/app/site';
import { pageOf, previewTags, validUntilNote } from './share-document';

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
  const qr = await buildQrSvg(pageUrl);

  const head = previewTags({ pageUrl, title: TITLE, description: DESCRIPTION });

  const body = html`<main>
<figure><picture><source type="image/webp" srcset="${presented.imageUrl}"><img src="${presented.fallbackUrl}" width="${presented.width}" height="${presented.height}" alt="Shared photo" data-testid="shared-photo"></picture></figure>
<aside>
<h1>${TITLE}</h1>
${presented.downloadUrl ? html`<a class="button" href="${presented.downloadUrl}" download>Download</a>` : null}
<div role="img" aria-label="QR code of this page's address">${trusted(qr)}</div>
<p>Scan to open this photo on another device.</p>
${validUntilNote(presented.validUntil)}
</aside>
</main>
<footer>Shared with ${SITE_NAME}</footer>`;

  return { html: pageOf({ title: `${TITLE} · ${SITE_NAME}`, head, body }) };
}
