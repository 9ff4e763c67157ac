import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentUser } from '@/adapters/current-user';

export default async function Home() {
  if (await currentUser()) redirect('/dashboard');
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-8 px-6">
      <h1 className="text-4xl font-semibold tracking-tight">Photos that work as hard as you do.</h1>
      <p className="text-lg text-slate-600">
        Upload a photo and get every web size, a watermark for sharing, and an honest score of how it will look as your
        LinkedIn profile picture, with advice and a ready-made crop.
      </p>
      <div className="flex gap-3">
        <Link href="/sign-up" className="rounded-md bg-brand-500 px-5 py-2.5 font-medium text-on-brand hover:bg-brand-600">
          Create an account
        </Link>
        <Link href="/sign-in" className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium hover:bg-slate-100">
          Sign in
        </Link>
      </div>
    </main>
  );
}
