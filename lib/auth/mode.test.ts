import { describe, expect, it } from 'vitest';
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
