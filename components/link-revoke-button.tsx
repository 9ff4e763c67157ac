'use client';

import { useAction } from 'next-safe-action/hooks';
import { revokeLinkAction } from '@/app/actions/revoke-link';

export function LinkRevokeButton({ code }: { code: string }) {
  const { execute, isPending, result } = useAction(revokeLinkAction);
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={isPending}
        onClick={() => execute({ code })}
        className="rounded-md border border-red-300 bg-white px-3 py-1 text-xs font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        {isPending ? 'Revoking…' : 'Revoke'}
      </button>
      {result.serverError ? <p className="text-xs text-red-700">{result.serverError}</p> : null}
    </div>
  );
}
