import type { Metadata } from 'next';
import { ClerkProvider } from '@clerk/nextjs';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { Toaster } from 'sonner';
import { authSettings } from '@/lib/config';
import { SITE_DESCRIPTION, SITE_NAME } from './site';
import './globals.css';

export const metadata: Metadata = {
  title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
  description: SITE_DESCRIPTION,
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // How people sign in is decided by the running server's settings, so nothing is prerendered at build time.
  await connection();
  const page = (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {children}
        {/* Results of actions, announced politely; it follows the system's light or dark setting like the pages. */}
        <Toaster theme="system" closeButton />
      </body>
    </html>
  );
  const auth = authSettings();
  if (auth.mode !== 'clerk') return page;
  // Clerk's script and its preload carry this response's nonce (middleware/content-security-policy.ts): under 'strict-dynamic' nothing else runs.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  // Clerk's components send people to the app's own sign-in and sign-up pages, as the proxy does.
  return (
    <ClerkProvider publishableKey={auth.clerk.publishableKey} nonce={nonce} signInUrl="/sign-in" signUpUrl="/sign-up">
      {page}
    </ClerkProvider>
  );
}
