'use client';

import { useAction } from 'next-safe-action/hooks';
import { revokeLinkAction } from '@/app/actions/revoke-link';
import { ActionButton } from './action-button';

export function LinkRevokeButton({ code }: { code: string }) {
  const { execute, isPending, result } = useAction(revokeLinkAction);
  return (
    <ActionButton
      onClick={() => execute({ code })}
      isPending={isPending}
      pendingLabel="Revoking…"
      result={result}
      align="end"
      className="rounded-md border border-red-300 bg-white px-3 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
    >
      Revoke
    </ActionButton>
  );
}
