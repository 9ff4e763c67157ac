import { createHash } from 'node:crypto';
import type { PresentedAlbum } from '@/lib/links';
import { buildQrSvg } from '@/lib/links/qr-code';
import { html, trusted } from '@/app/_html/html';
import { SITE_NAME } from '@/app/site';
import { pageOf, previewTags, validUntilNote, SHARE_PAGE_CSP } from './share-document';
import type { RenderedSharePage } from './share-page';

const DESCRIPTION = 'Shared on Headshot. Open the link to see the photos.';

/*
 * The gallery is a grid of the album's photos; the lightbox is every photo again, in a row that
 * scrolls sideways and snaps to one photo at a time, shown while one of them is the URL's fragment
 * (#p{n}, so it opens from a plain link, and Back closes it). Swiping is that scroll itself. The one
 * script adds what CSS cannot: ←/→ move to the photo beside the one in view, Esc closes. The grid and
 * the lightbox name the same files, which the browser fetches once.
 */
const ALBUM_STYLE = `
.gallery{list-style:none;margin:0;padding:0;display:grid;gap:.75rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,13rem),1fr))}
.gallery a{display:block;border-radius:.75rem;overflow:hidden;background:#e2e8f0}
.gallery img{display:block;width:100%;height:auto;aspect-ratio:4/5;object-fit:cover}
.lightbox{display:none;position:fixed;inset:0;z-index:10;background:rgba(2,6,23,.94)}
.lightbox:has(:target){display:block}
.strip{list-style:none;margin:0;padding:0;height:100%;display:flex;overflow-x:auto;overflow-y:hidden;scroll-snap-type:x mandatory;overscroll-behavior:contain;scrollbar-width:none}
.strip>li{position:relative;flex:0 0 100%;height:100%;scroll-snap-align:center;display:flex;align-items:center;justify-content:center;padding:3rem 1rem 1rem}
.strip img{display:block;max-width:100%;max-height:calc(100vh - 4rem);width:auto;height:auto;object-fit:contain}
.lightbox a.close{position:absolute;top:.5rem;right:.75rem;color:#fff;font-size:2rem;line-height:1;text-decoration:none;padding:.25rem .5rem}
.lightbox .count{position:absolute;top:.9rem;left:1rem;color:#cbd5e1;font-size:.875rem}
@media(prefers-color-scheme:dark){.gallery a{background:#1e293b}}
`;

const LIGHTBOX_SCRIPT = `(function(){var strip=document.getElementById('strip');if(!strip)return;
function at(){return Math.round(strip.scrollLeft/strip.clientWidth);}
function go(i){var slides=strip.children;if(i>=0&&i<slides.length)location.replace('#'+slides[i].id);}
function open(){return document.querySelector('#strip>:target')!==null;}
function show(){var slide=document.querySelector('#strip>:target');if(slide)strip.scrollLeft=slide.offsetLeft;}
document.addEventListener('keydown',function(e){if(!open()||e.altKey||e.ctrlKey||e.metaKey)return;
if(e.key==='ArrowRight'){e.preventDefault();go(at()+1);}else if(e.key==='ArrowLeft'){e.preventDefault();go(at()-1);}else if(e.key==='Escape'){e.preventDefault();location.replace('#gallery');}});
addEventListener('hashchange',show);show();
strip.addEventListener('scrollend',function(){var slide=strip.children[at()];if(slide&&open()&&location.hash!=='#'+slide.id)history.replaceState(null,'','#'+slide.id);});
})();`;

/** The album page runs this one script and nothing else: the CSP names its hash. */
export const ALBUM_PAGE_CSP = `${SHARE_PAGE_CSP}; script-src 'sha256-${createHash('sha256').update(LIGHTBOX_SCRIPT).digest('base64')}'`;

export interface AlbumPageInput {
  origin: string;
  code: string;
  presented: PresentedAlbum;
}

/**
 * The public page of an active album: its photos in a grid, the first loaded first (the page's
 * largest paint: eager, high priority) and the rest as they scroll near, a lightbox, the card meta
 * tags (a collage of the first photos), a QR code and, if allowed, "Download all".
 */
export async function renderAlbumPage({ origin, code, presented }: AlbumPageInput): Promise<RenderedSharePage> {
  const pageUrl = `${origin}/s/${code}`;
  const count = presented.photos.length;
  const title = count === 1 ? 'A photo shared with you' : `${count} photos shared with you`;
  const qr = await buildQrSvg(pageUrl);

  const head = previewTags({ pageUrl, title: title, description: DESCRIPTION });

  const picture = (photo: PresentedAlbum['photos'][number], index: number, where: 'grid' | 'lightbox') => {
    const first = where === 'grid' && index === 0;
    return html`<picture><source type="image/webp" srcset="${photo.imageUrl}"><img src="${photo.fallbackUrl}" width="${photo.width}" height="${photo.height}" alt="${`Photo ${index + 1} of ${count}`}" ${first ? trusted('fetchpriority="high"') : trusted('loading="lazy"')} decoding="async"></picture>`;
  };

  const body = html`<main>
<section aria-label="Photos">
<ul class="gallery" id="gallery" data-testid="album-gallery">
${presented.photos.map((photo, index) => html`<li><a href="${`#p${photo.n}`}" aria-label="${`Open photo ${index + 1} of ${count}`}">${picture(photo, index, 'grid')}</a></li>`)}
</ul>
</section>
<aside>
<h1>${title}</h1>
${presented.downloadAllUrl ? html`<a class="button" href="${presented.downloadAllUrl}" download>Download all (ZIP)</a>` : null}
<div role="img" aria-label="QR code of this page's address">${trusted(qr)}</div>
<p>Scan to open these photos on another device.</p>
${validUntilNote(presented.validUntil)}
</aside>
</main>
<div class="lightbox" role="dialog" aria-modal="true" aria-label="Photo viewer" data-testid="lightbox">
<ol class="strip" id="strip">
${presented.photos.map((photo, index) => html`<li id="${`p${photo.n}`}" data-testid="lightbox-photo"><span class="count">${index + 1} / ${count}</span>${picture(photo, index, 'lightbox')}</li>`)}
</ol>
<a class="close" href="#gallery" aria-label="Close">×</a>
</div>
<footer>Shared with ${SITE_NAME}</footer>
<script>${trusted(LIGHTBOX_SCRIPT)}</script>`;

  return { html: pageOf({ title: `${title} · ${SITE_NAME}`, head, body, style: ALBUM_STYLE }) };
}
