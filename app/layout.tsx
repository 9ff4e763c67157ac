import type { Metadata } from 'next';
import { ClerkProvider } from '@clerk/nextjs';
import { connection } from 'next/server';
import { authMode } from '@/lib/auth/mode';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Headshot', template: '%s · Headshot' },
  description: 'Upload photos, get web-ready sizes, and learn how your LinkedIn profile photo scores.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // How people sign in is decided by the running server's settings, so nothing is prerendered at build time.
  await connection();
  const page = (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
  return authMode() === 'clerk' ? <ClerkProvider publishableKey={process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}>{page}</ClerkProvider> : page;
}
