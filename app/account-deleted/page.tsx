import Link from 'next/link';

export const metadata = { title: 'Account deleted' };

/** Where a deleted account's owner lands, signed out. It names nobody: anyone may open it. */
export default function AccountDeletedPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-6 px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Your account is being deleted</h1>
      <p className="text-slate-700">
        You are signed out. Your photos, their sizes and analyses, your share links, the faces and people found in your photos,
        your exports and your settings are being removed from our storage. Your share links already show nothing.
      </p>
      <p className="text-slate-700">This takes a few minutes at most and cannot be undone. Nothing is kept.</p>
      <Link href="/" className="self-start rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium hover:bg-slate-100">
        Back to the start
      </Link>
    </main>
  );
}
