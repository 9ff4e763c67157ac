'use client';

import { useAction } from 'next-safe-action/hooks';
import { useRef } from 'react';
import { changePasswordAction } from '@/app/actions/change-password';
import { ActionError } from './action-error';
import { submitKeepingFields } from './submit-keeping-fields';

/** Changes a local account's password; every other session of the account ends with it. */
export function ChangePasswordForm() {
  const form = useRef<HTMLFormElement>(null);
  // Changed: neither password stays on the page. Refused: both stay, to be corrected.
  const { execute, result, isPending, hasSucceeded } = useAction(changePasswordAction, { onSuccess: () => form.current?.reset() });
  const ended = result.data?.endedSessions ?? 0;
  return (
    <form
      ref={form}
      className="flex flex-col gap-3"
      {...submitKeepingFields((fields) => execute({ currentPassword: String(fields.get('currentPassword') ?? ''), newPassword: String(fields.get('newPassword') ?? '') }))}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Current password
        <input name="currentPassword" type="password" required autoComplete="current-password" className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        New password
        <input name="newPassword" type="password" required minLength={10} autoComplete="new-password" className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
      </label>
      <ActionError result={result} />
      {hasSucceeded ? (
        <p role="status" className="text-sm text-green-800">
          Password changed. {ended === 0 ? 'You had no other sessions.' : `Signed out ${ended} other session${ended === 1 ? '' : 's'}.`}
        </p>
      ) : null}
      <button type="submit" disabled={isPending} className="self-start rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600 disabled:opacity-60">
        {isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
