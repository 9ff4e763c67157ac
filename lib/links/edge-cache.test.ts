import { expect, test } from 'vitest';
import { protectedFileCacheControl, sharedFileCacheControl, SHARED_FILE_BROWSER_SECONDS, SHARED_FILE_EDGE_SECONDS } from './edge-cache';

const NOW = Date.UTC(2026, 11, 7, 10, 0, 0);
const SECOND = 1000;

test('a link that never expires: a minute in browsers, an hour at the edge', () => {
  expect(SHARED_FILE_BROWSER_SECONDS).toBe(60);
  expect(SHARED_FILE_EDGE_SECONDS).toBe(3600);
  expect(sharedFileCacheControl(null, NOW)).toBe('public, max-age=60, s-maxage=3600');
});

test('a link with more than an hour left is cached as long as one that never expires', () => {
  expect(sharedFileCacheControl(NOW + 7 * 24 * 3600 * SECOND, NOW)).toBe('public, max-age=60, s-maxage=3600');
});

test('no copy outlives the link: both lifetimes stop at its expiry, rounded down to the second', () => {
  expect(sharedFileCacheControl(NOW + 1800 * SECOND + 999, NOW)).toBe('public, max-age=60, s-maxage=1800');
  expect(sharedFileCacheControl(NOW + 45 * SECOND, NOW)).toBe('public, max-age=45, s-maxage=45');
  expect(sharedFileCacheControl(NOW + 1 * SECOND, NOW)).toBe('public, max-age=1, s-maxage=1');
});

test('a link with less than a second left is not cached at all', () => {
  expect(sharedFileCacheControl(NOW + 999, NOW)).toBe('no-store');
  expect(sharedFileCacheControl(NOW, NOW)).toBe('no-store');
  expect(sharedFileCacheControl(NOW - SECOND, NOW)).toBe('no-store');
});

test("a protected link's file is private: no edge keeps it, a browser a minute at most, never past the expiry", () => {
  expect(protectedFileCacheControl(null, NOW)).toBe('private, max-age=60');
  expect(protectedFileCacheControl(NOW + 45 * SECOND, NOW)).toBe('private, max-age=45');
  expect(protectedFileCacheControl(NOW + 999, NOW)).toBe('private, no-store');
});
