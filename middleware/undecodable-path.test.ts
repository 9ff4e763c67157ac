import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { isDecodablePath } from './decodable-path';
import { notFoundForUndecodablePath } from './undecodable-path';

describe('a path that does not decode', () => {
  it('is told apart from every path that does', () => {
    for (const path of ['/images/%E0%A4%A', '/s/%ff%fe', '/s/%ff%fe/photo.jpg', '/people/%', '/x%zz', '/%ed%a0%80']) expect(isDecodablePath(path), path).toBe(false);
    for (const path of ['/', '/images/img_1', '/s/AbCdEfGhIjKl/photo.jpg', '/people/%F0%9F%98%80', '/a%20b', '/%25']) expect(isDecodablePath(path), path).toBe(true);
  });

  it('answers a share path with the share routes’ own 404 page, and any other with the app’s 404 page', async () => {
    const share = notFoundForUndecodablePath(new NextRequest('http://localhost/s/%ff%fe'));
    expect(share.status).toBe(404);
    expect(await share.text()).toContain('This link is not available');

    const page = notFoundForUndecodablePath(new NextRequest('http://localhost/images/%E0%A4%A'));
    expect(page.headers.get('x-middleware-rewrite')).toBe('http://localhost/_not-found');
  });
});
