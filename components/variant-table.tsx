import type { SignedVariant } from '@/lib/images/schemas';
import { formatBytes } from '@/lib/images/format-bytes';

export function VariantTable({ variants }: { variants: SignedVariant[] }) {
  const sorted = [...variants].sort((a, b) => a.width - b.width || a.format.localeCompare(b.format) || Number(a.watermarked) - Number(b.watermarked));
  return (
    <section className="flex flex-col gap-3">
      <h2 className="text-lg font-semibold">Sizes</h2>
      {/* Positioned, so that the header's screen-reader text stays inside the scroller instead of widening the page. */}
      <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-label="Variants">
          <thead className="bg-slate-50 text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">Size</th>
              <th className="px-4 py-2 font-medium">Format</th>
              <th className="px-4 py-2 font-medium">Dimensions</th>
              <th className="px-4 py-2 font-medium">File size</th>
              <th className="px-4 py-2 font-medium">Watermark</th>
              <th className="px-4 py-2">
                <span className="sr-only">Download</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((variant) => (
              <tr key={`${variant.name}.${variant.format}`} className="border-t border-slate-100" data-testid="variant-row">
                <td className="px-4 py-2">{variant.name}</td>
                <td className="px-4 py-2 uppercase">{variant.format}</td>
                <td className="px-4 py-2">
                  {variant.width} × {variant.height}
                </td>
                <td className="px-4 py-2">{formatBytes(variant.bytes)}</td>
                <td className="px-4 py-2">{variant.watermarked ? 'yes' : '—'}</td>
                <td className="px-4 py-2 text-right">
                  <a href={variant.downloadUrl} className="text-link underline">
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
