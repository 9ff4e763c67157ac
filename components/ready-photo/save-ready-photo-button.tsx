'use client';

import Link from 'next/link';
import { useAction } from 'next-safe-action/hooks';
import { saveReadyPhotoAction } from '@/app/actions/save-ready-photo';
import { ActionButton } from '../action-button';

/** "Use as my photo": the ready photo joins the library as a photo of its own, then links to it. */
export function SaveReadyPhotoButton({ imageId, savedImageId }: { imageId: string; savedImageId: string | null }) {
  const { execute, isPending, result } = useAction(saveReadyPhotoAction);
  const saved = result.data?.imageId ?? savedImageId;
  if (saved) {
    return (
      <Link href={`/images/${saved}`} className="text-sm text-link underline" data-testid="ready-saved">
        In your photos
      </Link>
    );
  }
  return (
    <ActionButton
      onClick={() => execute({ imageId })}
      isPending={isPending}
      pendingLabel="Adding…"
      result={result}
      className="rounded-md border border-brand-500 px-4 py-2 text-sm font-medium text-link hover:bg-brand-50"
    >
      Use as my photo
    </ActionButton>
  );
}
