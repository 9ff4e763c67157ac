'use client';

import { useAction } from 'next-safe-action/hooks';
import { requestAnalysisAction } from '@/app/actions/request-analysis';
import { OutlineActionButton } from './action-button';

/** One click from any ready photo to its LinkedIn analysis. */
export function AnalyzeButton({ imageId, label = 'LinkedIn check' }: { imageId: string; label?: string }) {
  return (
    <OutlineActionButton action={useAction(requestAnalysisAction)} input={{ imageId }}>
      {label}
    </OutlineActionButton>
  );
}
