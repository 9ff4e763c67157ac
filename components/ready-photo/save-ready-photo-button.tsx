'use client';

import Link from 'next/link';
import { useAction } from 'next-safe-action/hooks';
import { saveReadyPhotoAction } from '@/app/actions/save-ready-photo';
import { OutlineActionButton } from '../action-button';

/** "Use as my photo": the ready photo joins the library as a photo of its own, then links to it. */
export function SaveReadyPhotoButton({ imageId, savedImageId }: { imageId: string; savedImageId: string | null }) {
  const action = useAction(saveReadyPhotoAction);
  const saved = action.result.data?.imageId ?? savedImageId;
  if (saved) {
    return (
      <Link href={`/images/${saved}`} className="text-sm text-link underline" data-testid="ready-saved">
        In your photos
      </Link>
    );
  }
  return (
    <OutlineActionButton action={action} input={{ imageId }} pendingLabel="Adding…" size="large">
      Use as my photo
    </OutlineActionButton>
  );
}
