'use client';

import { useAction } from 'next-safe-action/hooks';
import { deleteImageAction } from '@/app/actions/delete-image';

export function DeleteImageButton({ imageId }: { imageId: string }) {
  const { execute, isPending, result } = useAction(deleteImageAction);
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={isPending}
        onClick={() => {
          if (window.confirm('Delete this photo and every size made from it? Shared links stop working.')) execute({ imageId });
        }}
        className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        {isPending ? 'Deleting…' : 'Delete'}
      </button>
      {result.serverError ? <p className="text-sm text-red-700">{result.serverError}</p> : null}
    </div>
  );
}
