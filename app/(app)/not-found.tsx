import Link from 'next/link';

/** A photo, its check or a person that is not there, or not the signed-in user's: the same answer for both, inside the app's navigation. */
export default function NotFound() {
  return (
    <div className="flex flex-col items-start gap-3 py-10">
      <h1 className="text-2xl font-semibold">This could not be found</h1>
      <p className="text-slate-700">It may have been deleted, or the address is mistyped.</p>
      <Link href="/dashboard" className="rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600">
        Back to your photos
      </Link>
    </div>
  );
}
