import sharp from 'sharp';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH } from './render-preview-image';

/*
 * The card of every protected link: a padlock on the site's slate, the same for all of them, so an
 * unfurl shows that the link is protected and nothing of the photo. Drawn without text, so that no
 * font on the server decides how it looks.
 */
const LOCK_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" viewBox="0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}">
<rect width="100%" height="100%" fill="#0f172a"/>
<path d="M540 290v-50a60 60 0 0 1 120 0v50" fill="none" stroke="#cbd5e1" stroke-width="26" stroke-linecap="round"/>
<rect x="500" y="285" width="200" height="150" rx="22" fill="#0a66c2"/>
<circle cx="600" cy="350" r="18" fill="#0f172a"/>
<rect x="592" y="355" width="16" height="42" rx="6" fill="#0f172a"/>
</svg>`;

let card: Promise<Buffer> | undefined;

/** The protected card as a 1200×630 JPEG, drawn once per process. */
export function protectedCardImage(): Promise<Buffer> {
  card ??= sharp(Buffer.from(LOCK_SVG)).jpeg({ quality: 85 }).toBuffer();
  return card;
}
