'use client';

import { useRouter } from 'next/navigation';
import { startTransition, useEffect } from 'react';

/** The dashboard could not be read (the table or storage did not answer): say so, and offer to try again. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  useEffect(() => {
    // The server logged the cause under this digest; the console is where someone reporting it will look.
    console.error('The dashboard could not be loaded', error.digest ?? error.message);
  }, [error]);
  // reset() alone renders the same failed answer again: the page has to be asked for anew.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div className="flex flex-col gap-4" role="alert">
      <h1 className="text-2xl font-semibold">Your photos</h1>
      <div className="flex flex-col items-start gap-3 rounded-xl border border-red-200 bg-red-50 p-6">
        <p className="font-medium text-red-800">Your photos could not be loaded just now.</p>
        <p className="text-sm text-slate-700">Nothing is lost: they are stored safely. This is usually over in a moment.</p>
        <button type="button" onClick={retry} className="rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600">
          Try again
        </button>
      </div>
    </div>
  );
}
