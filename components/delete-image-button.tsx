'use client';

import { useAction } from 'next-safe-action/hooks';
import { useState } from 'react';
import { toast } from 'sonner';
import { deleteImageAction } from '@/app/actions/delete-image';
import { actionErrorMessage } from './action-error';
import { ConfirmDialog } from './confirm-dialog';

export function DeleteImageButton({ imageId, fileName }: { imageId: string; fileName: string }) {
  const [asking, setAsking] = useState(false);
  const { execute, isPending } = useAction(deleteImageAction, {
    // The action ends by sending the owner to the dashboard; the toast outlives the page.
    onNavigation: () => toast.success(`${fileName} deleted`),
    onError: ({ error }) => {
      setAsking(false);
      toast.error('The photo was not deleted', { description: actionErrorMessage(error) });
    },
  });
  return (
    <>
      <button
        type="button"
        disabled={isPending}
        onClick={() => setAsking(true)}
        className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        {isPending ? 'Deleting…' : 'Delete'}
      </button>
      <ConfirmDialog
        open={asking}
        title="Delete this photo?"
        confirmLabel="Delete photo"
        pendingLabel="Deleting…"
        isPending={isPending}
        onConfirm={() => execute({ imageId })}
        onCancel={() => setAsking(false)}
      >
        <p>
          <span className="font-medium break-all">{fileName}</span> and every size made from it will be deleted. Its share links stop working at once. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
