import { describe, expect, it } from 'vitest';
import { clerkFrontendOrigin, pageContentSecurityPolicy } from './headers';

describe('pageContentSecurityPolicy', () => {
  const policy = pageContentSecurityPolicy({ nonce: 'abc123', storageOrigins: ['https://media.s3.us-east-1.amazonaws.com'], clerkOrigin: null, liveOrigin: 'wss://abc-ats.iot.us-east-1.amazonaws.com', development: false });
  const directive = (name: string) => policy.split('; ').find((entry) => entry.startsWith(`${name} `));

  it('allows scripts only with the nonce, and nothing to frame the site', () => {
    expect(directive('script-src')).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
  });

  it('allows photos from, and uploads to, the buckets only', () => {
    expect(directive('img-src')).toContain('https://media.s3.us-east-1.amazonaws.com');
    expect(directive('connect-src')).toBe("connect-src 'self' https://media.s3.us-east-1.amazonaws.com wss://abc-ats.iot.us-east-1.amazonaws.com");
  });

  it('lets pages open their live-updates WebSocket to the IoT endpoint and nowhere else', () => {
    expect(directive('connect-src')).not.toMatch(/ wss?: | wss?:$/);
  });

  it("adds Clerk's origins only when Clerk is the sign-in", () => {
    const withClerk = pageContentSecurityPolicy({ nonce: 'n', storageOrigins: [], clerkOrigin: 'https://clerk.example.com', liveOrigin: null, development: false });
    expect(withClerk).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' https://clerk.example.com");
    expect(withClerk).toContain('frame-src https://challenges.cloudflare.com');
    expect(policy).not.toContain('clerk');
  });
});

it("reads Clerk's frontend API origin from a publishable key", () => {
  expect(clerkFrontendOrigin(`pk_test_${Buffer.from('example-app-42.clerk.accounts.dev$').toString('base64')}`)).toBe('https://example-app-42.clerk.accounts.dev');
  expect(clerkFrontendOrigin('pk_test_not-base64-of-a-host')).toBeNull();
});
