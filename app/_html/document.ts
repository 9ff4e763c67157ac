import { html, trusted, type Html } from './html';

/**
 * What the script-free pages share: the app's font and palette (app/globals.css), light or dark as
 * the visitor's system is, its buttons and its focus ring, inline so the page needs no other request.
 */
const BASE_STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f1f5f9;color:#0f172a;-webkit-font-smoothing:antialiased}
p{margin:0;color:#475569;line-height:1.5}
a.button{display:block;text-align:center;background:#0a66c2;color:#fff;text-decoration:none;padding:.6rem 1rem;border-radius:.375rem;font-weight:600}
a.button:hover{background:#0958a8}
a:focus-visible{outline:2px solid #0a66c2;outline-offset:2px}
@media(prefers-color-scheme:dark){
:root{color-scheme:dark}
body{background:#020617;color:#f8fafc}
p{color:#cbd5e1}
a:focus-visible{outline-color:#8cc4ff}
}
`;

export interface DocumentParts {
  title: string;
  /** Whether search engines may index the page: the landing page yes, a shared photo never. */
  indexable: boolean;
  head?: Html;
  /** The page's own rules, after the shared ones. */
  style: string;
  body: Html;
}

export function documentOf({ title, indexable, head, style, body }: DocumentParts): string {
  const robots = indexable ? null : html`<meta name="robots" content="noindex, nofollow">`;
  return `<!doctype html>${
    html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="/icon.svg" type="image/svg+xml"><link rel="apple-touch-icon" href="/apple-icon.png">${robots}<title>${title}</title>${head}<style>${trusted(BASE_STYLE + style)}</style></head><body>${body}</body></html>`
      .value
  }`;
}
