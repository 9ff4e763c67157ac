import type { IncomingMessage } from 'node:http';
import { expect, test } from 'vitest';
import { applyViewerRequest } from './viewer-request';

/** What the local server hands Next.js after the stand-in for the distribution's viewer-request function ran. */
function after(url: string, headers: Record<string, string> = {}): string | undefined {
  const request = { url, headers } as unknown as IncomingMessage;
  applyViewerRequest(request);
  return request.url;
}

test('a shared photo without an extension gets the format the browser accepts, as on CloudFront', () => {
  expect(after('/s/F6bOvszDcgCX/photo', { accept: 'image/avif,image/webp,*/*;q=0.8' })).toBe('/s/F6bOvszDcgCX/photo.webp');
  expect(after('/s/F6bOvszDcgCX/photo', { accept: '*/*' })).toBe('/s/F6bOvszDcgCX/photo.jpg');
  expect(after('/s/F6bOvszDcgCX/photo')).toBe('/s/F6bOvszDcgCX/photo.jpg');
});

test('a shared file loses its query string, as on CloudFront', () => {
  expect(after('/s/F6bOvszDcgCX/card.jpg?v=2&x=%20y')).toBe('/s/F6bOvszDcgCX/card.jpg');
  expect(after('/s/F6bOvszDcgCX/photo?v=2', { accept: 'image/webp' })).toBe('/s/F6bOvszDcgCX/photo.webp');
});

test('anything else reaches Next.js exactly as it was sent, encoding and query string included', () => {
  for (const url of ['/s/F6bOvszDcgCX?ref=qr', '/s/%ff%fe', '/dashboard?view=grid&q=a%20b', '/api/v1/images?cursor=abc%3D%3D', '/']) {
    expect(after(url, { accept: 'image/webp' })).toBe(url);
  }
});
