/*
 * What the CDN does to a request for a shared file before it looks in its cache, written once: on
 * AWS as code injected into the site's viewer-request CloudFront Function (infra/web.ts), under the
 * local cloud run by the server in front of Next.js (local/viewer-request.ts). What it changes is
 * what the cache key is made of, so the link's paths (sharedFilePaths) are every copy an edge holds.
 */

/** The parts of CloudFront Functions' viewer-request event this reads and changes. */
export interface ViewerRequestEvent {
  request: {
    uri: string;
    querystring: Record<string, unknown>;
    headers: Record<string, { value: string } | undefined>;
  };
}

/**
 * For `/s/{code}/{file}`, and an album photo's `/s/{code}/{n}/{file}`: drops the query string (the origin reads none on these paths, and the
 * cache key holds every query string, so `?x` would be a copy no invalidation of the path reaches);
 * and gives `/s/{code}/photo` the extension of the format the browser takes, WebP when its Accept
 * names image/webp with a non-zero quality, JPEG otherwise (`*` and `image/*` too: a client that names
 * no WebP may not decode it). The URI then names the format, so the cache keeps one copy of each.
 *
 * Its source is the injected code, so it is written for CloudFront's JavaScript runtime 2.0 as it is:
 * one function, no nested ones (a bundler may wrap those with helpers the runtime lacks), no imports,
 * nothing newer than `const` and `let`.
 */
export function negotiateSharedFile(event: ViewerRequestEvent): void {
  const request = event.request;
  const match = /^\/s\/[^/]+\/(?:[1-9][0-9]{0,2}\/)?(photo|photo\.webp|photo\.jpg|download\.jpg|card\.jpg)$/.exec(request.uri);
  if (!match) return;
  request.querystring = {};
  if (match[1] !== 'photo') return;
  const accept = request.headers.accept ? request.headers.accept.value : '';
  const ranges = accept.toLowerCase().split(',');
  let webp = false;
  for (let i = 0; i < ranges.length; i++) {
    const parts = ranges[i]!.split(';');
    if (parts[0]!.trim() !== 'image/webp') continue;
    webp = true;
    for (let j = 1; j < parts.length; j++) {
      const parameter = parts[j]!.split('=');
      if (parameter[0]!.trim() === 'q' && !(parseFloat(parameter[1] || '') > 0)) webp = false;
    }
  }
  request.uri = request.uri + (webp ? '.webp' : '.jpg');
}

/** The code SST's viewer-request function runs before it routes (`edge.viewerRequest.injection`): the function, called on its event. */
export function sharedFileEdgeInjection(): string {
  return `(${negotiateSharedFile.toString()})(event);`;
}
