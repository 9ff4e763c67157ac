import type { SignedVariant } from '@/lib/images/schemas';
import { formatBytes } from '@/lib/images/format-bytes';

/*
 * A table from 768 px up; below it each row is a card, its name on one line and the rest on the next,
 * with Download beside them, so that nothing needs a sideways scroll on a phone. The roles are
 * written out because a table laid out as blocks loses them in some browsers; the header row stays,
 * for screen readers only.
 */
const CELL = 'md:px-4 md:py-2';
const DETAIL = 'max-md:whitespace-nowrap max-md:text-slate-600';

export function VariantTable({ variants }: { variants: SignedVariant[] }) {
  const sorted = [...variants].sort((a, b) => a.width - b.width || a.format.localeCompare(b.format) || Number(a.watermarked) - Number(b.watermarked));
  return (
    <section className="flex flex-col gap-3">
      <h2 className="text-lg font-semibold">Sizes</h2>
      {/* Positioned and clipping: the phone's screen-reader-only header stays inside the box, the header row's fill inside its corners. */}
      <div className="relative overflow-hidden rounded-xl border border-slate-200 bg-white">
        <table role="table" className="w-full text-left text-sm max-md:block" aria-label="Variants">
          <thead role="rowgroup" className="bg-slate-50 text-slate-500 max-md:sr-only">
            <tr role="row">
              <th role="columnheader" className="px-4 py-2 font-medium">Size</th>
              <th role="columnheader" className="px-4 py-2 font-medium">Format</th>
              <th role="columnheader" className="px-4 py-2 font-medium">Dimensions</th>
              <th role="columnheader" className="px-4 py-2 font-medium">File size</th>
              <th role="columnheader" className="px-4 py-2 font-medium">Watermark</th>
              <th role="columnheader" className="px-4 py-2">
                <span className="sr-only">Download</span>
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup" className="max-md:block max-md:divide-y max-md:divide-slate-100">
            {sorted.map((variant) => (
              <tr
                role="row"
                key={`${variant.name}.${variant.format}`}
                className="border-slate-100 max-md:relative max-md:flex max-md:flex-wrap max-md:gap-x-3 max-md:gap-y-0.5 max-md:py-3 max-md:pr-24 max-md:pl-4 md:border-t"
                data-testid="variant-row"
              >
                <td role="cell" className={`${CELL} max-md:basis-full max-md:font-medium`}>
                  {variant.name}
                </td>
                <td role="cell" className={`${CELL} uppercase ${DETAIL}`}>
                  {variant.format}
                </td>
                <td role="cell" className={`${CELL} ${DETAIL}`}>
                  {variant.width} × {variant.height}
                </td>
                <td role="cell" className={`${CELL} ${DETAIL}`}>
                  {formatBytes(variant.bytes)}
                </td>
                <td role="cell" className={`${CELL} ${DETAIL}`}>
                  {/* A bare "yes" needs its column's header, which a phone does not show. */}
                  <span className="md:hidden">{variant.watermarked ? 'watermarked' : ''}</span>
                  <span className="max-md:hidden">{variant.watermarked ? 'yes' : '—'}</span>
                </td>
                <td role="cell" className={`${CELL} text-right max-md:absolute max-md:top-1/2 max-md:right-4 max-md:-translate-y-1/2`}>
                  <a href={variant.downloadUrl} className="text-link underline max-md:inline-block max-md:py-2">
                    Download
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
