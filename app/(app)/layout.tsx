import Link from 'next/link';
import { UserButton } from '@clerk/nextjs';
import { signOutAction } from '@/app/actions/local-auth';
import { pageUser } from '@/adapters/current-user';
import { LiveUpdates } from '@/components/live-updates';
import { NavLink } from '@/components/nav-link';
import { authMode } from '@/lib/auth/mode';

const NAV = [
  { href: '/dashboard', label: 'Photos', also: ['/images'] },
  { href: '/people', label: 'People' },
  { href: '/links', label: 'Links' },
  { href: '/settings', label: 'Settings' },
];

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await pageUser();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
          <Link href="/dashboard" className="text-lg font-semibold text-brand-700">
            Headshot
          </Link>
          {/* On a phone the four links take a row of their own, under the name and Sign out, rather than wrapping one by one. */}
          <div className="flex flex-wrap gap-x-6 gap-y-2 max-sm:order-last max-sm:w-full">
            {NAV.map(({ href, label, also }) => (
              <NavLink key={href} href={href} also={also} className="text-sm text-slate-700 hover:text-slate-950">
                {label}
              </NavLink>
            ))}
          </div>
          <div className="ml-auto flex items-center gap-6">
            {/* On a phone the links need the room more than the address does. */}
            <span className="hidden text-sm text-slate-500 sm:inline">{user.email}</span>
            {authMode() === 'clerk' ? (
              <UserButton />
            ) : (
              <form action={signOutAction}>
                <button className="text-sm text-slate-700 hover:text-slate-950">Sign out</button>
              </form>
            )}
          </div>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8"><LiveUpdates>{children}</LiveUpdates></main>
    </div>
  );
}
