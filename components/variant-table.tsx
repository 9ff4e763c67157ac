import type { SignedVariant } from '@/lib/images/schemas';
import { formatBytes } from '@/lib/images/format-bytes';

/*
 * A table from 640 px up; below it each row is a card of two lines with Download beside them, so
 * that nothing needs a sideways scroll on a phone. The roles are written out because a table laid
 * out as blocks loses them in some browsers; the header row stays, for screen readers only.
 */
const CELL = 'sm:px-4 sm:py-2';

export function VariantTable({ variants }: { variants: SignedVariant[] }) {
  const sorted = [...variants].sort((a, b) => a.width - b.width || a.format.localeCompare(b.format) || Number(a.watermarked) - Number(b.watermarked));
  return (
    <section className="flex flex-col gap-3">
      <h2 className="text-lg font-semibold">Sizes</h2>
      {/* Positioned, so that the phone's screen-reader-only header stays inside the box instead of widening the page. */}
      <div className="relative rounded-xl border border-slate-200 bg-white">
        <table role="table" className="w-full text-left text-sm max-sm:block" aria-label="Variants">
          <thead role="rowgroup" className="bg-slate-50 text-slate-500 max-sm:sr-only">
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
          <tbody role="rowgroup" className="max-sm:block max-sm:divide-y max-sm:divide-slate-100">
            {sorted.map((variant) => (
              <tr
                role="row"
                key={`${variant.name}.${variant.format}`}
                className="border-slate-100 max-sm:grid max-sm:grid-cols-[auto_auto_1fr_auto] max-sm:items-baseline max-sm:gap-x-3 max-sm:gap-y-0.5 max-sm:px-4 max-sm:py-3 sm:border-t"
                data-testid="variant-row"
              >
                <td role="cell" className={`${CELL} max-sm:font-medium`}>
                  {variant.name}
                </td>
                <td role="cell" className={`${CELL} uppercase max-sm:text-slate-600`}>
                  {variant.format}
                </td>
                <td role="cell" className={`${CELL} max-sm:col-start-1 max-sm:row-start-2 max-sm:text-slate-600`}>
                  {variant.width} × {variant.height}
                </td>
                <td role="cell" className={`${CELL} max-sm:col-start-2 max-sm:row-start-2 max-sm:text-slate-600`}>
                  {formatBytes(variant.bytes)}
                </td>
                <td role="cell" className={`${CELL} max-sm:col-start-3 max-sm:row-start-2 max-sm:text-slate-600`}>
                  {/* A bare "yes" needs its column's header, which a phone does not show. */}
                  <span className="sm:hidden">{variant.watermarked ? 'watermarked' : ''}</span>
                  <span className="max-sm:hidden">{variant.watermarked ? 'yes' : '—'}</span>
                </td>
                <td role="cell" className={`${CELL} text-right max-sm:col-start-4 max-sm:row-span-2 max-sm:row-start-1 max-sm:self-center`}>
                  <a href={variant.downloadUrl} className="text-link underline max-sm:inline-block max-sm:py-2">
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
