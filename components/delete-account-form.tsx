'use client';

import { useAction } from 'next-safe-action/hooks';
import { useId, useState } from 'react';
import { deleteAccountAction } from '@/app/actions/account';
import { ActionError } from './action-error';

/** Deletes the account once its email is typed in full: there is no undo, so no single click does it. */
export function DeleteAccountForm({ email }: { email: string | null }) {
  const [typed, setTyped] = useState('');
  const { execute, result, isPending } = useAction(deleteAccountAction);
  const inputId = useId();
  const confirmed = email !== null && typed.trim().toLowerCase() === email.toLowerCase();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        execute({ email: typed });
      }}
    >
      <label htmlFor={inputId} className="text-sm font-medium">
        Type {email ? <span className="font-mono">{email}</span> : 'your email address'} to confirm
      </label>
      <input
        id={inputId}
        name="email"
        type="email"
        autoComplete="off"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        className="rounded-md border border-slate-300 px-3 py-2"
        data-testid="delete-account-email"
      />
      <ActionError result={result} />
      <button
        type="submit"
        disabled={isPending || !confirmed}
        className="self-start rounded-md bg-red-600 px-4 py-2 font-medium text-white hover:bg-red-700 disabled:opacity-50"
      >
        {isPending ? 'Deleting…' : 'Delete my account'}
      </button>
    </form>
  );
}
