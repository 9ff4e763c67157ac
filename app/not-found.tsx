import Link from 'next/link';

/** Any address the site has no page for: what happened and the way back, in the site's own look (Next's default is a bare black page). */
export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-xl flex-col items-start gap-3 px-6 py-16">
      <h1 className="text-2xl font-semibold">This page could not be found</h1>
      <p className="text-slate-700">The address may be mistyped, or what it led to has been deleted.</p>
      <Link href="/dashboard" className="rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600">
        Back to your photos
      </Link>
    </main>
  );
}
