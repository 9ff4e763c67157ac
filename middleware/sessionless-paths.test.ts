import { describe, expect, it } from 'vitest';
import { isSessionlessPath } from './sessionless-paths';

describe('isSessionlessPath', () => {
  it('lets share pages, their files, icons and static files through without a session', () => {
    for (const path of ['/s/AbCdEf123456', '/s/AbCdEf123456/photo.webp', '/favicon.ico', '/manifest.webmanifest', '/_next/image', '/icons/app.png', '/fonts/a.woff2']) {
      expect(isSessionlessPath(path), path).toBe(true);
    }
  });

  it('lets the public API through without a session: it proves its caller with a bearer token', () => {
    for (const path of ['/api/v1/images', '/api/v1/images/abc123def456', '/api/v1/openapi.json', '/bench/api-baseline/abc123def456']) {
      expect(isSessionlessPath(path), path).toBe(true);
    }
  });

  it('reads the session everywhere else, for a path with a % in it, and for the site’s other API routes whatever they end with', () => {
    for (const path of ['/', '/dashboard', '/images/abc', '/sign-in', '/s/%ff%fe', '/s/abc%41/photo.webp', '/images/a%41.png', '/api/v1/images/a%41', '/api/v1', '/api/logo.png', '/settings']) {
      expect(isSessionlessPath(path), path).toBe(false);
    }
  });
});
