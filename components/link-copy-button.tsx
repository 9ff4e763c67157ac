'use client';

import { useState } from 'react';

/** Copies the absolute URL of a share path, built from the address the owner is using. */
export function LinkCopyButton({ path }: { path: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(new URL(path, window.location.origin).toString());
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
      className="shrink-0 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-100"
    >
      {copied ? 'Copied' : 'Copy link'}
    </button>
  );
}
