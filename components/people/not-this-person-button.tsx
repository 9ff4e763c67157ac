'use client';

import { useAction } from 'next-safe-action/hooks';
import { useRouter } from 'next/navigation';
import { removeFaceFromPersonAction } from '@/app/actions/people';
import { ActionButton } from '../action-button';

/**
 * Takes a wrongly grouped face out of this person. The person's last face takes the person with it,
 * so that press leads back to the People page rather than to a page that no longer exists.
 */
export function NotThisPersonButton({ imageId, faceId, fileName, lastPhoto }: { imageId: string; faceId: string; fileName: string; lastPhoto: boolean }) {
  const router = useRouter();
  const { execute, isPending, result } = useAction(removeFaceFromPersonAction, {
    onSuccess: () => {
      if (lastPhoto) router.replace('/people');
    },
  });
  return (
    <ActionButton
      onClick={() => execute({ imageId, faceId })}
      isPending={isPending}
      pendingLabel="Removing…"
      result={result}
      ariaLabel={`Not this person in ${fileName}`}
      className="rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
    >
      Not this person
    </ActionButton>
  );
}
