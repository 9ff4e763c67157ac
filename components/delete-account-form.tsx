'use client';

import { useAction } from 'next-safe-action/hooks';
import { useId, useState } from 'react';
import { deleteAccountAction } from '@/app/actions/account';
import { ActionError } from './action-error';
import { ConfirmDialog } from './confirm-dialog';

/**
 * Deletes the account once its email is typed in full and the last question is answered: there is
 * no undo, so no single click, and no single slip of the keyboard, does it.
 */
export function DeleteAccountForm({ email }: { email: string | null }) {
  const [typed, setTyped] = useState('');
  const [asking, setAsking] = useState(false);
  const { execute, result, isPending } = useAction(deleteAccountAction, { onError: () => setAsking(false) });
  const inputId = useId();
  const confirmed = email !== null && typed.trim().toLowerCase() === email.toLowerCase();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmed) setAsking(true);
      }}
    >
      <label htmlFor={inputId} className="text-sm font-medium">
        Type {email ? <span className="font-mono break-all">{email}</span> : 'your email address'} to confirm
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
        className="self-start rounded-md bg-red-600 px-4 py-2 font-medium text-on-brand hover:bg-red-600/90 disabled:opacity-50"
      >
        {isPending ? 'Deleting…' : 'Delete my account'}
      </button>
      <ConfirmDialog
        open={asking}
        title="Delete your account for good?"
        confirmLabel="Delete everything"
        pendingLabel="Deleting…"
        isPending={isPending}
        onConfirm={() => execute({ email: typed })}
        onCancel={() => setAsking(false)}
      >
        <p>Your photos, their sizes and analyses, your share links, the people found in your photos and your exports are deleted. You are signed out, and this cannot be undone.</p>
      </ConfirmDialog>
    </form>
  );
}
