import QRCode from 'qrcode';

/**
 * The app's mark (app/icon.svg's shapes, on its 64 × 64 grid). Kept here rather than read from the file because
 * the code is also drawn in the browser; `qr-code.test.ts` holds the two the same.
 */
export const QR_LOGO_MARK =
  '<rect width="64" height="64" rx="14" fill="#0a66c2"/><circle cx="32" cy="25" r="11" fill="#fff"/><path d="M11 57c1.5-11.5 10-18 21-18s19.5 6.5 21 18z" fill="#fff"/>';

/** The quiet zone, in modules: the 4 the QR specification asks for, so a printed or downloaded code scans on any background. */
export const QR_MARGIN = 4;

/**
 * The side of the white pad under the logo, as a share of the code's side (quiet zone excluded). A pad of
 * 0.3 × 0.3 hides 9% of the modules and none of the finder patterns: level H restores up to 30% of the codewords,
 * so the code reads with room to spare, where the level M codes drawn before would not (qr-code.test.ts fails at M and Q).
 */
export const QR_LOGO_PAD_SHARE = 0.3;

/**
 * The QR code of `url` as a standalone SVG document: level H, black on white (scanners need the contrast, in
 * dark mode too), with the app's logo in the centre on a white pad. Its viewBox is in modules; `size`, when
 * given, sets its width and height in pixels.
 */
export async function buildQrSvg(url: string, options: { size?: number } = {}): Promise<string> {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'H' });
  const qr = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'H', margin: QR_MARGIN, color: { dark: '#000000', light: '#ffffff' } });
  const side = modules.size + 2 * QR_MARGIN;
  const pad = modules.size * QR_LOGO_PAD_SHARE;
  const padAt = (side - pad) / 2;
  // The mark sits inside the pad with a module's worth of white around it, so no dark module touches its edge.
  const logo = pad - 2;
  const logoAt = (side - logo) / 2;
  const overlay =
    `<rect x="${fmt(padAt)}" y="${fmt(padAt)}" width="${fmt(pad)}" height="${fmt(pad)}" fill="#ffffff"/>` +
    // A group rather than a nested <svg>, which pages that size their inline `svg` with CSS would stretch.
    `<g transform="translate(${fmt(logoAt)} ${fmt(logoAt)}) scale(${fmt4(logo / 64)})" shape-rendering="geometricPrecision">${QR_LOGO_MARK}</g>`;
  const sized = options.size === undefined ? '' : ` width="${options.size}" height="${options.size}"`;
  return qr.trim().replace(/^<svg /, `<svg${sized} `).replace(/<\/svg>$/, `${overlay}</svg>`);
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function fmt4(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}
