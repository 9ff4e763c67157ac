'use client';

import Link, { useLinkStatus } from 'next/link';

/**
 * A link of the signed-in navigation that shows, with a pulsing dot, that the page it opens is on its
 * way. The pages have no loading skeletons: their data is read before the first byte, so the first
 * paint already shows it, and this is what says a click was heard meanwhile.
 */
export function NavLink({ href, className, children }: { href: string; className: string; children: React.ReactNode }) {
  return (
    <Link href={href} className={className}>
      {children}
      <PendingDot />
    </Link>
  );
}

function PendingDot() {
  const { pending } = useLinkStatus();
  return <span aria-hidden="true" className={`ml-1.5 inline-block size-1.5 rounded-full bg-brand-500 align-middle ${pending ? 'animate-pulse' : 'invisible'}`} />;
}
