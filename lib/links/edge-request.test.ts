import vm from 'node:vm';
import { describe, expect, test } from 'vitest';
import { sharedFileEdgeInjection, type ViewerRequestEvent } from './edge-request';

/*
 * The injected code itself, run as CloudFront runs it: inside SST's viewer-request handler, on
 * events shaped as CloudFront Functions hands them over (headers by lower-case name, each a { value }),
 * in a fresh context with nothing of this process in it.
 */
async function viewerRequest(uri: string, options: { accept?: string; querystring?: Record<string, { value: string }> } = {}): Promise<ViewerRequestEvent['request']> {
  const event = {
    request: {
      method: 'GET',
      uri,
      querystring: options.querystring ?? {},
      headers: { host: { value: 'd111111abcdef8.cloudfront.net' }, ...(options.accept === undefined ? {} : { accept: { value: options.accept } }) },
      cookies: {},
    },
    context: { eventType: 'viewer-request' },
    viewer: { ip: '198.51.100.7' },
  };
  const handler = `async function handler(event) {\n  ${sharedFileEdgeInjection()}\n  return event.request;\n}\nhandler(event);`;
  // What the handler returns is the request CloudFront goes on with; an error in the injection rejects it.
  return (await vm.runInNewContext(handler, { event })) as ViewerRequestEvent['request'];
}

// What browsers send for an image, as of their current releases.
const CHROME = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';
const SAFARI = 'image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5';
const FIREFOX = 'image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5';

describe('a shared photo asked for without an extension', () => {
  test.each([
    ['Chrome', CHROME],
    ['Safari', SAFARI],
    ['Firefox', FIREFOX],
    ['a client that weighs WebP low but above zero', 'image/jpeg, image/webp;q=0.1'],
    ['a client that writes its media types in capitals', 'IMAGE/WEBP'],
  ])('is WebP for %s', async (_, accept) => {
    expect((await viewerRequest('/s/F6bOvszDcgCX/photo', { accept })).uri).toBe('/s/F6bOvszDcgCX/photo.webp');
  });

  test.each([
    ['no Accept at all', undefined],
    ['anything (curl, most unfurlers)', '*/*'],
    ['any image, WebP unnamed', 'image/*'],
    ['WebP refused with q=0', 'image/webp;q=0, image/jpeg'],
    ['WebP refused with q=0.000', 'image/webp; q=0.000, */*'],
    ['a type that only starts like WebP', 'image/webp2'],
  ])('is JPEG for %s', async (_, accept) => {
    expect((await viewerRequest('/s/F6bOvszDcgCX/photo', { accept })).uri).toBe('/s/F6bOvszDcgCX/photo.jpg');
  });
});

describe('a photo of an album, under its number', () => {
  test('asked for without an extension, is WebP or JPEG as the browser takes it', async () => {
    expect((await viewerRequest('/s/F6bOvszDcgCX/3/photo', { accept: CHROME })).uri).toBe('/s/F6bOvszDcgCX/3/photo.webp');
    expect((await viewerRequest('/s/F6bOvszDcgCX/100/photo', { accept: '*/*' })).uri).toBe('/s/F6bOvszDcgCX/100/photo.jpg');
  });

  test.each(['photo.webp', 'photo.jpg', 'download.jpg'])('holds no query string for %s', async (file) => {
    const request = await viewerRequest(`/s/F6bOvszDcgCX/12/${file}`, { accept: CHROME, querystring: { v: { value: '2' } } });
    expect(request.querystring).toEqual({});
    expect(request.uri).toBe(`/s/F6bOvszDcgCX/12/${file}`);
  });

  test.each([
    ['a number with a leading zero (not a path the album serves)', '/s/F6bOvszDcgCX/03/photo'],
    ['a number past any album', '/s/F6bOvszDcgCX/1000/photo'],
    ['a segment that is not a number', '/s/F6bOvszDcgCX/x/photo'],
  ])('leaves %s as it came', async (_, uri) => {
    const querystring = { page: { value: '2' } };
    expect(await viewerRequest(uri, { accept: CHROME, querystring })).toMatchObject({ uri, querystring });
  });
});

describe('the cache key of a shared file', () => {
  test.each(['photo', 'photo.webp', 'photo.jpg', 'download.jpg', 'card.jpg'])('holds no query string for %s, whatever was sent', async (file) => {
    const request = await viewerRequest(`/s/F6bOvszDcgCX/${file}`, { accept: CHROME, querystring: { v: { value: '2' }, utm_source: { value: 'x' } } });
    expect(request.querystring).toEqual({});
    expect(request.uri).toMatch(new RegExp(`^/s/F6bOvszDcgCX/${file.replace('.', '\\.')}(\\.webp)?$`));
  });

  test.each([
    ['the share page', '/s/F6bOvszDcgCX'],
    ['a file no link serves', '/s/F6bOvszDcgCX/photo.png'],
    ['a deeper path', '/s/F6bOvszDcgCX/photo/more'],
    ['a page elsewhere', '/dashboard'],
    ['the API', '/api/v1/links/photo'],
  ])('leaves %s as it came', async (_, uri) => {
    const querystring = { page: { value: '2' } };
    const request = await viewerRequest(uri, { accept: CHROME, querystring });
    expect(request).toMatchObject({ uri, querystring });
  });
});

test('the injection is one self-contained call that CloudFront’s runtime can take as it is', () => {
  const code = sharedFileEdgeInjection();
  expect(code).toMatch(/^\(function negotiateSharedFile\(event\) \{[\s\S]*\}\)\(event\);$/);
  // Nothing a bundler or the type-checker adds: helpers the runtime lacks, type syntax.
  expect(code).not.toMatch(/__name|__export|require\(|import |=>|!\)|!\./);
  expect(() => new vm.Script(code)).not.toThrow();
});
