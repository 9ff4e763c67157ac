import { describe, expect, it } from 'vitest';
import { isProtectedPath } from './protected-paths';

describe('isProtectedPath', () => {
  it('sends signed-out visitors of private pages to sign in, and leaves public ones and self-answering routes alone', () => {
    for (const path of ['/dashboard', '/images/abc', '/people', '/people/abc', '/links', '/settings']) expect(isProtectedPath(path), path).toBe(true);
    for (const path of ['/', '/sign-in', '/s/AbCdEf123456', '/people/search', '/peoplex']) expect(isProtectedPath(path), path).toBe(false);
  });
});
