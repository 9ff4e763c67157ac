'use client';

import { useAction } from 'next-safe-action/hooks';
import { useState } from 'react';
import { mergePeopleAction } from '@/app/actions/people';
import type { PersonSummary } from '@/lib/people/schemas';
import { ActionError } from '../action-error';
import { PersonCover } from './person-cover';
import { photoCountLabel } from './photo-count';

/**
 * Merges this person into another one who is the same person. The choices show each face, because
 * several people are often "Unnamed". The action redirects to the person who stays.
 */
export function MergePersonForm({ person, others }: { person: PersonSummary; others: PersonSummary[] }) {
  const [intoPersonId, setIntoPersonId] = useState<string | null>(null);
  const { execute, isPending, result } = useAction(mergePeopleAction);
  if (others.length === 0) return null;

  return (
    <details className="rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="merge-person">
      <summary className="cursor-pointer font-medium">Merge into…</summary>
      <form
        className="mt-3 flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          const into = others.find((other) => other.personId === intoPersonId);
          if (into && window.confirm(mergeWarning(person, into))) execute({ personId: person.personId, intoPersonId: into.personId });
        }}
      >
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-slate-600">The same person as someone else? Choose who to merge them into.</legend>
          <ul className="flex max-h-72 flex-col gap-1 overflow-y-auto">
            {others.map((other) => (
              <li key={other.personId}>
                <label className="flex cursor-pointer items-center gap-3 rounded-md p-1.5 hover:bg-slate-50 has-checked:bg-brand-50">
                  <input type="radio" name="intoPersonId" value={other.personId} checked={intoPersonId === other.personId} onChange={() => setIntoPersonId(other.personId)} />
                  <PersonCover url={other.coverUrl} size="sm" />
                  <span className="flex min-w-0 flex-col">
                    <span className={`truncate font-medium ${other.name ? '' : 'text-slate-500 italic'}`}>{other.name ?? 'Unnamed'}</span>
                    <span className="sr-only">, </span>
                    <span className="text-xs text-slate-500">{photoCountLabel(other.photoCount)}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <ActionError result={result} />
        <button
          type="submit"
          disabled={!intoPersonId || isPending}
          className="self-start rounded-md border border-brand-500 px-4 py-2 font-medium text-link hover:bg-brand-50 disabled:opacity-60"
        >
          {isPending ? 'Merging…' : 'Merge'}
        </button>
      </form>
    </details>
  );
}

function mergeWarning(person: PersonSummary, into: PersonSummary): string {
  const from = person.name ?? 'this person';
  const to = into.name ?? 'the person you chose';
  const naming = !into.name && person.name ? `, who takes the name ${person.name}` : '';
  return `Merge ${from} into ${to}? The ${photoCountLabel(person.photoCount)} of ${from} move to ${to}${naming}. This cannot be undone.`;
}
