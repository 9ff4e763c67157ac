'use client';

import { useAction } from 'next-safe-action/hooks';
import { requestAnalysisAction } from '@/app/actions/request-analysis';
import { ActionButton } from './action-button';

/** One click from any ready photo to its LinkedIn analysis. */
export function AnalyzeButton({ imageId, label = 'LinkedIn check' }: { imageId: string; label?: string }) {
  const { execute, isPending, result } = useAction(requestAnalysisAction);
  return (
    <ActionButton
      onClick={() => execute({ imageId })}
      isPending={isPending}
      pendingLabel="Starting…"
      result={result}
      className="rounded-md border border-brand-500 px-3 py-1 text-sm font-medium text-link hover:bg-brand-50"
    >
      {label}
    </ActionButton>
  );
}
