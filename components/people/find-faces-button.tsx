'use client';

import { useAction } from 'next-safe-action/hooks';
import { findFacesAction } from '@/app/actions/find-faces';
import { OutlineActionButton } from '../action-button';

/** Looks for the faces of a photo again, when looking failed or never happened. */
export function FindFacesButton({ imageId }: { imageId: string }) {
  return (
    <OutlineActionButton action={useAction(findFacesAction)} input={{ imageId }}>
      Find faces
    </OutlineActionButton>
  );
}
