'use client';

import Link from 'next/link';
import { useAction } from 'next-safe-action/hooks';
import { signInAction, signUpAction } from '@/app/actions/local-auth';
import { ActionError } from './action-error';
import { submitKeepingFields } from './submit-keeping-fields';

/** The local-accounts form; with Clerk configured, Clerk's own components are shown instead. */
export function AuthForm({ mode }: { mode: 'sign-in' | 'sign-up' }) {
  const { execute, result, isPending } = useAction(mode === 'sign-in' ? signInAction : signUpAction);

  return (
    <form
      className="flex w-full max-w-sm flex-col gap-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm"
      {...submitKeepingFields((form) => execute({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') }))}
    >
      <h1 className="text-2xl font-semibold">{mode === 'sign-in' ? 'Sign in' : 'Create your account'}</h1>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email
        <input name="email" type="email" required autoComplete="email" className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          required
          minLength={mode === 'sign-up' ? 10 : 1}
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          className="rounded-md border border-slate-300 px-3 py-2 font-normal"
        />
      </label>
      <ActionError result={result} />
      <button type="submit" disabled={isPending} className="rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600 disabled:opacity-60">
        {isPending ? 'Please wait…' : mode === 'sign-in' ? 'Sign in' : 'Sign up'}
      </button>
      <p className="text-sm text-slate-600">
        {mode === 'sign-in' ? (
          <>
            New here? <Link href="/sign-up" className="text-link underline">Create an account</Link>
          </>
        ) : (
          <>
            Have an account? <Link href="/sign-in" className="text-link underline">Sign in</Link>
          </>
        )}
      </p>
      <p className="text-xs text-slate-500">Local account: stored in this installation&apos;s own database.</p>
    </form>
  );
}
