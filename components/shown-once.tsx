'use client';

import { useState } from 'react';

/** A secret shown the one time it exists (a new API token, a webhook signing secret), with Copy: `what` says whose it is. */
export function ShownOnce({ value, label, testId, what }: { value: string; label: string; testId: string; what: React.ReactNode }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" data-testid={testId} className="flex flex-col gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
      <p>{what}: copy it now. It is shown this once and cannot be read again.</p>
      <div className="flex flex-wrap gap-2">
        <input readOnly value={value} aria-label={label} onFocus={(event) => event.currentTarget.select()} className="min-w-0 flex-1 rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs text-slate-900" />
        <button type="button" onClick={() => void navigator.clipboard.writeText(value).then(() => setCopied(true))} className="rounded-md border border-emerald-400 px-3 py-1 font-medium">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
