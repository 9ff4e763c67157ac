'use client';

import { useState } from 'react';

interface Shown {
  url: string;
  alt: string;
}

/** The photo as uploaded and its LinkedIn-ready version, one at a time, switched by a toggle. */
export function BeforeAfter({ before, after }: { before: Shown; after: Shown }) {
  const [showing, setShowing] = useState<'before' | 'after'>('after');
  const shown = showing === 'after' ? after : before;
  return (
    <div className="flex flex-col gap-3">
      <div role="group" aria-label="Compare" className="inline-flex self-start rounded-md border border-slate-300 p-0.5 text-sm">
        {(['before', 'after'] as const).map((side) => (
          <button
            key={side}
            type="button"
            aria-pressed={showing === side}
            onClick={() => setShowing(side)}
            className="rounded px-3 py-1 font-medium aria-pressed:bg-brand-500 aria-pressed:text-on-brand"
          >
            {side === 'before' ? 'Your photo' : 'LinkedIn-ready'}
          </button>
        ))}
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- presigned; its size is only known from the file */}
      <img src={shown.url} alt={shown.alt} data-testid={`ready-${showing}`} className="max-h-[28rem] w-full max-w-md rounded-lg border border-slate-200 object-contain" />
    </div>
  );
}
