'use client';

import { useAction } from 'next-safe-action/hooks';
import { toast } from 'sonner';
import { retryDeadLetterAction } from '@/app/actions/retry-dead-letter';
import type { DeadLetterView } from '@/lib/jobs/list-dead-letters';

/** Work that failed every attempt, each with a Retry button that sends it through again. */
export function DeadLetterList({ items }: { items: DeadLetterView[] }) {
  const { execute, isPending, result } = useAction(retryDeadLetterAction, { onSuccess: () => toast.success('Retry queued', { description: 'It runs again in a moment.' }) });
  if (items.length === 0) return null;
  return (
    <section className="rounded-xl border border-amber-300 bg-amber-50 p-4" aria-label="Failed processing">
      <h2 className="font-medium text-amber-900">Work that kept failing</h2>
      <ul className="mt-2 flex flex-col gap-2">
        {items.map((item) => (
          <li key={item.deadLetterId} className="flex items-center justify-between gap-4 text-sm" data-testid="dead-letter">
            <span className="text-amber-900">
              {item.label}: {item.reason}
            </span>
            <button
              type="button"
              disabled={isPending}
              onClick={() => execute({ deadLetterId: item.deadLetterId })}
              className="rounded-md bg-amber-700 px-3 py-1 font-medium text-on-brand hover:bg-amber-700/90 disabled:opacity-60"
            >
              Retry
            </button>
          </li>
        ))}
      </ul>
      {result.serverError ? <p className="mt-2 text-sm text-red-700">{result.serverError}</p> : null}
    </section>
  );
}
