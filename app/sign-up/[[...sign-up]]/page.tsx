import { SignUp } from '@clerk/nextjs';
import { authMode } from '@/lib/auth/mode';
import { AuthForm } from '@/components/auth-form';

export const metadata = { title: 'Sign up' };

export default function SignUpPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-6">
      {authMode() === 'clerk' ? <SignUp fallbackRedirectUrl="/dashboard" /> : <AuthForm mode="sign-up" />}
    </main>
  );
}
