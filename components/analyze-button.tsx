'use client';

import { useAction } from 'next-safe-action/hooks';
import { requestAnalysisAction } from '@/app/actions/request-analysis';

/** One click from any ready photo to its LinkedIn analysis. */
export function AnalyzeButton({ imageId, label = 'LinkedIn check' }: { imageId: string; label?: string }) {
  const { execute, isPending, result } = useAction(requestAnalysisAction);
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        disabled={isPending}
        onClick={() => execute({ imageId })}
        className="rounded-md border border-brand-500 px-3 py-1 text-sm font-medium text-brand-600 hover:bg-brand-50 disabled:opacity-60"
      >
        {isPending ? 'Starting…' : label}
      </button>
      {result.serverError ? (
        <span role="alert" className="text-xs text-red-700">
          {result.serverError}
        </span>
      ) : null}
    </span>
  );
}
