'use client';

import { useAction } from 'next-safe-action/hooks';
import { setPersonHiddenAction } from '@/app/actions/people';
import { ActionButton } from '../action-button';

/** Takes a person off the People page, or puts them back. Their photos and faces stay as they are. */
export function HidePersonButton({ personId, personName, hidden }: { personId: string; personName: string | null; hidden: boolean }) {
  const { execute, isPending, result } = useAction(setPersonHiddenAction);
  const verb = hidden ? 'Show' : 'Hide';
  return (
    <ActionButton
      onClick={() => execute({ personId, hidden: !hidden })}
      isPending={isPending}
      pendingLabel={hidden ? 'Showing…' : 'Hiding…'}
      result={result}
      align="center"
      ariaLabel={`${verb} ${personName ?? 'this person'}`}
      className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50"
    >
      {verb}
    </ActionButton>
  );
}
