'use client';

import { useAction } from 'next-safe-action/hooks';
import { useState } from 'react';
import { rerenderWatermarksAction } from '@/app/actions/rerender-watermarks';
import { updateWatermarkAction } from '@/app/actions/update-watermark';
import type { WatermarkRerenderView } from '@/lib/images/schemas';
import { WATERMARK_POSITIONS, type WatermarkSettings } from '@/lib/images/transform/schemas';
import { OutlineActionButton } from './action-button';
import { AutoRefresh } from './auto-refresh';
import { submitKeepingFields } from './submit-keeping-fields';

export function WatermarkForm({ initial }: { initial: WatermarkSettings }) {
  const [enabled, setEnabled] = useState(initial.enabled);
  const { execute, isPending, result, hasSucceeded } = useAction(updateWatermarkAction);
  const defaults = initial.enabled ? initial : { text: '', position: 'bottom-right' as const, opacity: 0.6 };

  return (
    <form
      className="flex flex-col gap-4"
      {...submitKeepingFields((form) =>
        execute(
          enabled
            ? {
                enabled: true,
                text: String(form.get('text') ?? ''),
                position: String(form.get('position')) as (typeof WATERMARK_POSITIONS)[number],
                opacity: Number(form.get('opacity')) / 100,
              }
            : { enabled: false },
        )
      )}
    >
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        Watermark shared photos
      </label>
      <fieldset disabled={!enabled} className="flex flex-col gap-4 disabled:opacity-50">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Text
          <input name="text" defaultValue={defaults.text} maxLength={60} required={enabled} className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Position
          <select name="position" defaultValue={defaults.position} className="rounded-md border border-slate-300 px-3 py-2 font-normal">
            {WATERMARK_POSITIONS.map((position) => (
              <option key={position} value={position}>
                {position.replace('-', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Opacity (%)
          <input name="opacity" type="number" min={10} max={100} step={5} defaultValue={Math.round(defaults.opacity * 100)} className="w-28 rounded-md border border-slate-300 px-3 py-2 font-normal" />
        </label>
      </fieldset>
      {result.serverError || result.validationErrors ? (
        <p role="alert" className="text-sm text-red-700">
          {result.serverError ?? 'Check the watermark settings.'}
        </p>
      ) : hasSucceeded ? (
        <p className="text-sm text-emerald-700">Saved.</p>
      ) : null}
      <button type="submit" disabled={isPending} className="self-start rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600 disabled:opacity-60">
        Save
      </button>
    </form>
  );
}

/** The offer to apply the saved settings to the photos uploaded before them, and how that is going once asked for. */
export function WatermarkExistingPhotos({ rerender }: { rerender: WatermarkRerenderView }) {
  const apply = useAction(rerenderWatermarksAction);
  const running = rerender.state === 'queued' || rerender.state === 'running';
  const adding = rerender.action === 'apply';
  const counted = rerender.photosTotal > 0 ? ` ${rerender.photosDone} of ${rerender.photosTotal} photos` : ' starting soon';
  return (
    <div
      data-testid="watermark-existing"
      data-state={rerender.state}
      aria-live="polite"
      hidden={rerender.state === 'none' && !rerender.offer}
      className="flex flex-col items-start gap-2 border-t border-slate-200 pt-4 text-sm"
    >
      {running ? (
        <p>
          {adding ? 'Applying your watermark to your existing photos…' : 'Taking the watermark off your existing photos…'}
          {counted}
        </p>
      ) : null}
      {rerender.state === 'failed' && rerender.failureReason ? (
        <p role="alert" className="text-red-700">
          {rerender.failureReason}
        </p>
      ) : null}
      {rerender.state === 'done' && !rerender.offer ? (
        <p className="text-emerald-700">
          {adding
            ? 'Your existing photos have this watermark: new links show it, and so do links you already shared of a watermarked copy.'
            : 'New links to your existing photos show them without a watermark. Links you already shared keep the copy they show.'}
        </p>
      ) : null}
      {rerender.offer ? (
        <>
          <p className="text-slate-600">
            {adding
              ? 'Photos you uploaded before saving these settings do not have them yet: a new link to one shows its old copy.'
              : 'Photos you uploaded before may still offer a watermarked copy when you share them.'}
          </p>
          <OutlineActionButton action={apply} input={{}} size="large">
            {adding ? 'Apply to my existing photos' : 'Take it off my existing photos'}
          </OutlineActionButton>
        </>
      ) : null}
      <AutoRefresh active={running} />
    </div>
  );
}
