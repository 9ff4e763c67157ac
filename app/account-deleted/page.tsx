import Link from 'next/link';
import { CLOSURE_MARK_HOURS } from '@/lib/account/limits';

export const metadata = { title: 'Account deleted' };

/**
 * Where a deleted account's owner lands, signed out. It names nobody: anyone may open it. What it
 * says is kept is what lib/account/delete-account.ts leaves: the closure mark, for CLOSURE_MARK_HOURS.
 */
export default function AccountDeletedPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-6 px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Your account is being deleted</h1>
      <p className="text-slate-700">
        You are signed out. Your photos, their sizes and analyses, your share links, the faces and people found in your photos,
        your exports, your settings and your sign-in details are being removed from our storage. Your share links already show nothing.
      </p>
      <p className="text-slate-700">This takes a few minutes at most and cannot be undone.</p>
      <section aria-labelledby="kept" className="flex flex-col gap-2">
        <h2 id="kept" className="text-lg font-semibold">
          What we keep
        </h2>
        <p className="text-slate-700" data-testid="kept">
          One record that this account was closed: its internal id, when you asked for the deletion and when the record expires. It
          holds no email, no name and nothing you uploaded. It stops a sign-in from before the deletion from working again. It expires{' '}
          {CLOSURE_MARK_HOURS} hours after the deletion finishes, and the database then removes it on its own. Nothing else is kept,
          except that our service logs, which name accounts only by that id, are deleted after a month.
        </p>
      </section>
      <Link href="/" className="self-start rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium hover:bg-slate-100">
        Back to the start
      </Link>
    </main>
  );
}
