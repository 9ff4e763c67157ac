import type { Image } from '@/lib/images/schemas';
import { FindFacesButton } from './find-faces-button';

/**
 * Where finding a photo's faces stands, under the photo. One live region whatever the state, so the
 * page's refresh from "Finding faces…" to the result is announced.
 */
export function FaceIndexStatus({ image, faceCount }: { image: Pick<Image, 'imageId' | 'status' | 'faceIndex'>; faceCount: number }) {
  const index = image.faceIndex;
  return (
    <div data-testid="face-index-status" data-state={index?.status ?? 'not-started'} aria-live="polite" className="flex flex-col items-start gap-2 text-sm text-slate-600">
      {index?.status === 'queued' || index?.status === 'running' ? (
        <p className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-3.5 w-3.5 animate-spin rounded-full border-2 border-slate-300 border-t-brand-500" />
          Finding faces…
        </p>
      ) : index?.status === 'done' ? (
        <p>{foundSentence(faceCount)}</p>
      ) : index?.status === 'failed' ? (
        <>
          <p className="text-red-700">{index.failureReason ?? 'The faces in this photo could not be found.'}</p>
          <FindFacesButton imageId={image.imageId} />
        </>
      ) : image.status === 'ready' ? (
        <>
          <p>Faces have not been looked for in this photo yet.</p>
          <FindFacesButton imageId={image.imageId} />
        </>
      ) : null}
    </div>
  );
}

function foundSentence(faceCount: number): string {
  if (faceCount === 0) return 'No faces found in this photo.';
  if (faceCount === 1) return 'One face found. Click it to find your other photos of this person.';
  return `${faceCount} faces found. Click one to find your other photos of that person.`;
}
