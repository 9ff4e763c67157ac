'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** How often the dashboard checks on photos still being processed. */
const POLL_MS = 1500;

/** Re-renders the page from the server while something is still processing; stops when nothing is. */
export function AutoRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
