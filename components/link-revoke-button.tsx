'use client';

import { useAction } from 'next-safe-action/hooks';
import { useState } from 'react';
import { toast } from 'sonner';
import { revokeLinkAction } from '@/app/actions/revoke-link';
import { actionErrorMessage } from './action-error';
import { ConfirmDialog } from './confirm-dialog';

export function LinkRevokeButton({ code, path }: { code: string; path: string }) {
  const [asking, setAsking] = useState(false);
  const { execute, isPending } = useAction(revokeLinkAction, {
    onSuccess: () => {
      setAsking(false);
      toast.success('Link revoked', { description: `${path} no longer works.` });
    },
    onError: ({ error }) => {
      setAsking(false);
      toast.error('The link was not revoked', { description: actionErrorMessage(error) });
    },
  });
  return (
    <>
      <button
        type="button"
        disabled={isPending}
        onClick={() => setAsking(true)}
        aria-label={`Revoke ${path}`}
        className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60 md:py-1 md:text-xs"
      >
        {isPending ? 'Revoking…' : 'Revoke'}
      </button>
      <ConfirmDialog
        open={asking}
        title="Revoke this link?"
        confirmLabel="Revoke link"
        pendingLabel="Revoking…"
        isPending={isPending}
        onConfirm={() => execute({ code })}
        onCancel={() => setAsking(false)}
      >
        <p>
          Anyone opening <span className="font-mono break-all">{path}</span> will be told it is not available, from now on. The photo itself stays.
        </p>
      </ConfirmDialog>
    </>
  );
}
