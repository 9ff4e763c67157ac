import { SignIn } from '@clerk/nextjs';
import { authMode } from '@/lib/auth/mode';
import { AuthForm } from '@/components/auth-form';

export const metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-6">
      {authMode() === 'clerk' ? <SignIn fallbackRedirectUrl="/dashboard" /> : <AuthForm mode="sign-in" />}
    </main>
  );
}
