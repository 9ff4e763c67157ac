import Link from 'next/link';
import { redirect } from 'next/navigation';
import { UserButton } from '@clerk/nextjs';
import { signOutAction } from '@/app/actions/local-auth';
import { currentUser } from '@/lib/auth/current-user';
import { authMode } from '@/lib/auth/mode';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <nav className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
          <Link href="/dashboard" className="text-lg font-semibold text-brand-700">
            Headshot
          </Link>
          <Link href="/dashboard" className="text-sm text-slate-700 hover:text-slate-950">
            Photos
          </Link>
          <Link href="/links" className="text-sm text-slate-700 hover:text-slate-950">
            Links
          </Link>
          <Link href="/settings" className="text-sm text-slate-700 hover:text-slate-950">
            Settings
          </Link>
          <span className="ml-auto text-sm text-slate-500">{user.email}</span>
          {authMode() === 'clerk' ? (
            <UserButton />
          ) : (
            <form action={signOutAction}>
              <button className="text-sm text-slate-700 hover:text-slate-950">Sign out</button>
            </form>
          )}
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
