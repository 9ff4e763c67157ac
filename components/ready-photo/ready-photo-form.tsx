'use client';

import { useAction } from 'next-safe-action/hooks';
import { useState } from 'react';
import { requestReadyPhotoAction } from '@/app/actions/request-ready-photo';
import type { ReadyOptions } from '@/lib/linkedin-ready/schemas';
import { ActionButton } from '../action-button';

type Kind = ReadyOptions['background']['kind'];

const KINDS: { kind: Kind; label: string; hint: string }[] = [
  { kind: 'keep', label: 'Keep', hint: 'the background as it is' },
  { kind: 'blur', label: 'Blur', hint: 'a shallow-depth look' },
  { kind: 'colour', label: 'Colour', hint: 'one plain colour' },
  { kind: 'gradient', label: 'Gradient', hint: 'a soft blend of two colours' },
];

function optionsOf(kind: Kind, colour: string, from: string, to: string): ReadyOptions {
  if (kind === 'colour') return { background: { kind, colour } };
  if (kind === 'gradient') return { background: { kind, from, to } };
  return { background: { kind } };
}

/** Asks for the LinkedIn-ready version of a photo, with the background the owner picks. */
export function ReadyPhotoForm({ imageId, initial, label }: { imageId: string; initial: ReadyOptions | null; label: string }) {
  const { execute, isPending, result } = useAction(requestReadyPhotoAction);
  const start = initial?.background;
  const [kind, setKind] = useState<Kind>(start?.kind ?? 'blur');
  const [colour, setColour] = useState(start?.kind === 'colour' ? start.colour : '#e2e8f0');
  const [from, setFrom] = useState(start?.kind === 'gradient' ? start.from : '#dbeafe');
  const [to, setTo] = useState(start?.kind === 'gradient' ? start.to : '#1e3a8a');

  return (
    <div className="flex flex-col gap-4" data-testid="ready-form">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Background</legend>
        <div className="flex flex-wrap gap-2">
          {KINDS.map((option) => (
            <label key={option.kind} className="flex cursor-pointer items-center gap-2 max-sm:w-full rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
              <input type="radio" name="background" value={option.kind} checked={kind === option.kind} onChange={() => setKind(option.kind)} />
              <span>
                <span className="font-medium">{option.label}</span> <span className="text-slate-600">{option.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {kind === 'colour' ? (
          <label className="flex items-center gap-2 text-sm">
            Colour <input type="color" value={colour} onChange={(event) => setColour(event.target.value)} className="h-8 w-12" />
          </label>
        ) : null}
        {kind === 'gradient' ? (
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              Top <input type="color" value={from} onChange={(event) => setFrom(event.target.value)} className="h-8 w-12" />
            </label>
            <label className="flex items-center gap-2">
              Bottom <input type="color" value={to} onChange={(event) => setTo(event.target.value)} className="h-8 w-12" />
            </label>
          </div>
        ) : null}
      </fieldset>
      <ActionButton
        onClick={() => execute({ imageId, options: optionsOf(kind, colour, from, to) })}
        isPending={isPending}
        pendingLabel="Starting…"
        result={result}
        className="rounded-md bg-brand-500 px-4 py-2 text-sm font-medium text-on-brand hover:bg-brand-600"
      >
        {label}
      </ActionButton>
    </div>
  );
}
