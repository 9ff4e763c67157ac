import type { PhotoView } from '@/lib/images/photo-view';
import { formatBytes } from '@/lib/images/format-bytes';
import type { ReadyPhotoView } from '@/lib/linkedin-ready/get-ready-photo';
import { BeforeAfter } from './before-after';
import { ReadyPhotoForm } from './ready-photo-form';
import { SaveReadyPhotoButton } from './save-ready-photo-button';

/** LinkedIn shows a profile photo at about this size in a profile's header, and at 48 px next to a comment. */
const PROFILE_PREVIEW_PX = 160;
const COMMENT_PREVIEW_PX = 48;

/**
 * "Make it LinkedIn-ready": the photo reframed, relit and with the background asked for, made by a job;
 * then the two side by side, as LinkedIn's round frames show it, with the same check's score before and after.
 */
export function ReadyPhotoPanel({ imageId, fileName, photo, ready }: { imageId: string; fileName: string; photo: PhotoView | null; ready: ReadyPhotoView | null }) {
  const inFlight = ready?.status === 'queued' || ready?.status === 'running';
  return (
    <section className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6" aria-labelledby="ready-heading" data-testid="ready-panel" data-state={ready?.status ?? 'none'}>
      <div>
        <h2 id="ready-heading" className="text-lg font-semibold">
          Make it LinkedIn-ready
        </h2>
        <p className="text-sm text-slate-600">
          Your own photo, reframed as LinkedIn suggests (face about 60% of the frame, eyes on the upper third, head level), with the light
          evened out and the background you choose. Your face is not changed.
        </p>
      </div>

      {ready?.status === 'failed' ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="ready-failure">
          {ready.failureReason ?? 'The LinkedIn-ready photo could not be made.'}
        </p>
      ) : null}
      {inFlight ? (
        <p className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900" data-testid="ready-status">
          Making your LinkedIn-ready photo…
        </p>
      ) : null}
      {!ready || ready.status === 'failed' ? <ReadyPhotoForm imageId={imageId} initial={ready?.options ?? null} label={ready ? 'Try again' : 'Make it LinkedIn-ready'} /> : null}

      {ready?.status === 'ready' && ready.result && ready.outcome ? (
        <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
          <BeforeAfter before={{ url: photo?.url ?? ready.result.url, alt: fileName }} after={{ url: ready.result.url, alt: `${fileName}, LinkedIn-ready` }} />
          <div className="flex flex-col gap-4">
            <p className="text-lg" data-testid="ready-scores" data-before={ready.outcome.before.score} data-after={ready.outcome.after.score}>
              Score <span className="font-semibold">{ready.outcome.before.score}</span> → <span className="font-semibold">{ready.outcome.after.score}</span>
              <span className="block text-sm text-slate-600">the same check, on your photo and on this version</span>
            </p>
            <div className="flex items-end gap-6">
              <figure className="flex flex-col items-center gap-1 text-xs text-slate-600">
                {/* eslint-disable-next-line @next/next/no-img-element -- presigned */}
                <img src={ready.result.url} alt="" width={PROFILE_PREVIEW_PX} height={PROFILE_PREVIEW_PX} className="rounded-full border border-slate-200" data-testid="ready-preview-profile" />
                <figcaption>On your profile</figcaption>
              </figure>
              <figure className="flex flex-col items-center gap-1 text-xs text-slate-600">
                {/* eslint-disable-next-line @next/next/no-img-element -- presigned */}
                <img src={ready.result.url} alt="" width={COMMENT_PREVIEW_PX} height={COMMENT_PREVIEW_PX} className="rounded-full border border-slate-200" data-testid="ready-preview-comment" />
                <figcaption>Next to a comment</figcaption>
              </figure>
            </div>
            {ready.outcome.notes.length > 0 ? (
              <ul className="flex list-disc flex-col gap-1 pl-5 text-sm text-slate-700" data-testid="ready-notes">
                {ready.outcome.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            ) : null}
            <div className="flex flex-wrap items-center gap-3">
              <a href={ready.result.downloadUrl} className="rounded-md bg-brand-500 px-4 py-2 text-sm font-medium text-on-brand hover:bg-brand-600" data-testid="ready-download">
                Download {ready.result.width}×{ready.result.height} ({formatBytes(ready.result.bytes)})
              </a>
              <SaveReadyPhotoButton imageId={imageId} savedImageId={ready.savedImageId} />
            </div>
            <details className="text-sm">
              <summary className="cursor-pointer text-link">Another background</summary>
              <div className="pt-3">
                <ReadyPhotoForm imageId={imageId} initial={ready.options} label="Make it again" />
              </div>
            </details>
          </div>
        </div>
      ) : null}
    </section>
  );
}
