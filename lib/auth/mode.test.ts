import { describe, expect, it } from 'vitest';
import { buildsWithClerk } from '../config';
import { ClerkProvider, SignIn, SignUp, UserButton } from './clerk-not-built';
import { AuthConfigurationError, authMode } from './mode';

const secret = 'x'.repeat(32);

describe('authMode', () => {
  it.each([
    ['Clerk keys set', { CLERK_SECRET_KEY: 'sk_live_1', NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_live_1' }, 'clerk'],
    ['Clerk keys win over the local cloud', { CLERK_SECRET_KEY: 'sk', NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk', HEADSHOT_LOCAL_CLOUD: '1' }, 'clerk'],
    ['under the local cloud', { HEADSHOT_LOCAL_CLOUD: '1', AUTH_SECRET: secret }, 'local'],
    ['explicit opt-in', { LOCAL_AUTH: 'enabled', AUTH_SECRET: secret }, 'local'],
  ])('%s', (_, env, expected) => {
    expect(authMode(env)).toBe(expected);
  });

  it.each([
    ['a deployment with neither Clerk nor the opt-in', {}, /No sign-in is configured/],
    ['half of the Clerk keys', { CLERK_SECRET_KEY: 'sk' }, /both/],
    ['local accounts without a signing secret', { LOCAL_AUTH: 'enabled' }, /AUTH_SECRET/],
    ['local accounts with a short secret', { HEADSHOT_LOCAL_CLOUD: '1', AUTH_SECRET: 'short' }, /AUTH_SECRET/],
    ['an opt-in spelled loosely', { LOCAL_AUTH: 'yes', AUTH_SECRET: secret }, /LOCAL_AUTH/],
  ])('refuses %s', (_, env, message) => {
    expect(() => authMode(env)).toThrow(AuthConfigurationError);
    expect(() => authMode(env)).toThrow(message);
  });
});

describe('a build without Clerk', () => {
  it('is made when the publishable key is unset or empty at build time', () => {
    expect(buildsWithClerk({})).toBe(false);
    expect(buildsWithClerk({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: '' })).toBe(false);
    expect(buildsWithClerk({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_live_1' })).toBe(true);
  });

  it('fails on its first Clerk component with the sentence that says how to build one with Clerk', () => {
    for (const Component of [ClerkProvider, SignIn, SignUp, UserButton]) {
      expect(() => Component()).toThrow(AuthConfigurationError);
      expect(() => Component()).toThrow(/without Clerk.*NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY before `next build`/);
    }
  });
});
