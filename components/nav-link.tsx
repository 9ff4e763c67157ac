'use client';

import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';

/**
 * A link of the signed-in navigation that shows, with a pulsing dot, that the page it opens is on its
 * way. The pages have no loading skeletons: their data is read before the first byte, so the first
 * paint already shows it, and this is what says a click was heard meanwhile.
 */
export function NavLink({ href, also = [], className, children }: { href: string; also?: string[]; className: string; children: React.ReactNode }) {
  const pathname = usePathname();
  // The page's own section is marked for screen readers (aria-current) and by weight; `also` names the sections it leads into.
  const current = [href, ...also].some((section) => pathname === section || pathname.startsWith(`${section}/`));
  return (
    <Link href={href} className={`${className} aria-[current=page]:font-semibold`} aria-current={current ? 'page' : undefined}>
      {children}
      <PendingDot />
    </Link>
  );
}

function PendingDot() {
  const { pending } = useLinkStatus();
  return <span aria-hidden="true" className={`ml-1.5 inline-block size-1.5 rounded-full bg-brand-500 align-middle ${pending ? 'animate-pulse' : 'invisible'}`} />;
}
