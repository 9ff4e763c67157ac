'use client';

import { useState } from 'react';
import { toast } from 'sonner';

/** Copies the absolute URL of a share path, built from the address the owner is using. */
export function LinkCopyButton({ path }: { path: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        const url = new URL(path, window.location.origin).toString();
        try {
          await navigator.clipboard.writeText(url);
        } catch {
          // Refused when the page is not focused or the permission was denied.
          toast.error('Could not copy the link', { description: 'Select it and copy it yourself.' });
          return;
        }
        toast.success('Link copied to the clipboard', { description: url });
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
      className="shrink-0 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-100"
    >
      {copied ? 'Copied' : 'Copy link'}
    </button>
  );
}
