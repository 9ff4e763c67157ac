'use client';

import { useAction } from 'next-safe-action/hooks';
import { useState } from 'react';
import { updateWatermarkAction } from '@/app/actions/update-watermark';
import { WATERMARK_POSITIONS, type WatermarkSettings } from '@/lib/images/transform/schemas';

export function WatermarkForm({ initial }: { initial: WatermarkSettings }) {
  const [enabled, setEnabled] = useState(initial.enabled);
  const { execute, isPending, result, hasSucceeded } = useAction(updateWatermarkAction);
  const defaults = initial.enabled ? initial : { text: '', position: 'bottom-right' as const, opacity: 0.6 };

  return (
    <form
      className="flex flex-col gap-4"
      action={(form) =>
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
      }
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
