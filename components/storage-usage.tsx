import type { StorageAmount } from '@/lib/db';
import { formatUsage } from '@/lib/quota/format-usage';

function Gauge({ label, used, quota, text }: { label: string; used: number; quota: number; text: string }) {
  return (
    <div className="flex flex-col gap-1">
      <div className="flex justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-slate-600">{text}</span>
      </div>
      <progress className="h-2 w-full accent-slate-900" max={quota} value={Math.min(used, quota)} aria-label={`${label}: ${text}`} />
    </div>
  );
}

/** Settings → Storage: what the owner's photos hold of their quota, and how to make room. */
export function StorageUsage({ used, quota }: { used: StorageAmount; quota: StorageAmount }) {
  const usage = formatUsage(used, quota);
  return (
    <section data-testid="storage-usage" aria-labelledby="storage-heading" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="storage-heading" className="text-lg font-semibold">
        Storage
      </h2>
      <Gauge label="Space" used={used.bytes} quota={quota.bytes} text={usage.space} />
      <Gauge label="Photos" used={used.photos} quota={quota.photos} text={usage.photos} />
      <p className="text-sm text-slate-600">Each photo counts with the size of the file you uploaded. Deleting photos makes room at once.</p>
    </section>
  );
}
