'use client';

import { useAction } from 'next-safe-action/hooks';
import { findFacesAction } from '@/app/actions/find-faces';
import { ActionButton } from '../action-button';

/** Looks for the faces of a photo again, when looking failed or never happened. */
export function FindFacesButton({ imageId }: { imageId: string }) {
  const { execute, isPending, result } = useAction(findFacesAction);
  return (
    <ActionButton
      onClick={() => execute({ imageId })}
      isPending={isPending}
      pendingLabel="Starting…"
      result={result}
      className="rounded-md border border-brand-500 px-3 py-1 text-sm font-medium text-link hover:bg-brand-50"
    >
      Find faces
    </ActionButton>
  );
}
