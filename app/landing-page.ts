import { documentOf } from './_html/document';
import { html } from './_html/html';

const STYLE = `
main{max-width:48rem;min-height:100vh;margin:0 auto;padding:0 1.5rem;display:flex;flex-direction:column;justify-content:center;gap:2rem}
h1{margin:0;font-size:2.25rem;line-height:1.1;font-weight:600;letter-spacing:-.025em}
main p{font-size:1.125rem}
nav{display:flex;flex-wrap:wrap;gap:.75rem}
nav a{padding:.625rem 1.25rem;font-weight:500}
a.secondary{border:1px solid #cbd5e1;border-radius:.375rem;background:#fff;color:inherit;text-decoration:none}
a.secondary:hover{background:#f1f5f9}
@media(prefers-color-scheme:dark){
a.secondary{border-color:#475569;background:#0f172a}
a.secondary:hover{background:#1e293b}
}
`;

/**
 * The page a visitor who has not signed in lands on. Plain HTML, like the share pages: it needs
 * nothing of React, so it ships none, and is painted from its first response.
 */
export const LANDING_PAGE = documentOf({
  title: 'Headshot',
  indexable: true,
  head: html`<meta name="description" content="Upload photos, get web-ready sizes, and learn how your LinkedIn profile photo scores.">`,
  style: STYLE,
  body: html`<main>
<h1>Photos that work as hard as you do.</h1>
<p>Upload a photo and get every web size, a watermark for sharing, and an honest score of how it will look as your LinkedIn profile picture, with advice and a ready-made crop.</p>
<nav aria-label="Get started"><a class="button" href="/sign-up">Create an account</a><a class="secondary" href="/sign-in">Sign in</a></nav>
</main>`,
});
