/*
 * The pages answered by route handlers (the landing page, the share pages) are a few lines of markup
 * with no script, and Next.js does not let app/ code render React to a string (react-dom/server is
 * refused there). They are written with this tagged template instead, which escapes every
 * interpolated value unless it is markup made by this same template.
 */

const SAFE = Symbol('html');

export interface Html {
  readonly [SAFE]: true;
  readonly value: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

type Interpolation = Html | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && SAFE in value) return value.value;
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let value = strings[0]!;
  for (let i = 0; i < values.length; i++) value += render(values[i]!) + strings[i + 1]!;
  return { [SAFE]: true, value };
}

/** Markup from a trusted generator (the QR library's SVG), passed through as it is. */
export function trusted(markup: string): Html {
  return { [SAFE]: true, value: markup };
}
