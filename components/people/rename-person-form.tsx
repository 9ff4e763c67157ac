'use client';

import { useAction } from 'next-safe-action/hooks';
import { useId, useState } from 'react';
import { renamePersonAction } from '@/app/actions/people';
import { MAX_PERSON_NAME_LENGTH } from '@/lib/people/limits';
import { ActionError } from '../action-error';

/**
 * A person's name. Saving it empty takes the name off. The page keys this form by the saved name,
 * so a name changed elsewhere (a merge, another tab) starts it afresh.
 */
export function RenamePersonForm({ personId, name }: { personId: string; name: string | null }) {
  const [value, setValue] = useState(name ?? '');
  const { execute, isPending, result, hasSucceeded, reset } = useAction(renamePersonAction);
  const inputId = useId();
  const hintId = useId();

  return (
    <form
      className="flex flex-col gap-1 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        execute({ personId, name: value });
      }}
    >
      <label htmlFor={inputId} className="font-medium">
        Name
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={inputId}
          name="name"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            if (hasSucceeded) reset();
          }}
          maxLength={MAX_PERSON_NAME_LENGTH}
          placeholder="Add a name"
          autoComplete="off"
          aria-describedby={hintId}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 sm:max-w-xs"
        />
        <button type="submit" disabled={isPending} className="rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600 disabled:opacity-60">
          {isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
      <p id={hintId} className="text-xs text-slate-500">
        Leave it empty to remove the name.
      </p>
      <ActionError result={result} />
      {hasSucceeded ? (
        <p role="status" className="text-emerald-700">
          Saved.
        </p>
      ) : null}
    </form>
  );
}
