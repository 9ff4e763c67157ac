import type { Page } from '@playwright/test';

/** One request for a media file, as Chromium's network layer saw it. */
export interface MediaRequest {
  url: string;
  /** Answered from the browser's memory or disk cache, without a request on the network. */
  fromCache: boolean;
  /** Bytes received on the network for it (headers and body); 0 when the cache answered. */
  bytes: number;
  /** Which visit (a count the caller moves on) it belongs to. */
  visit: number;
}

/**
 * Watches, through the DevTools protocol, every request the page makes for paths under `prefix`: the
 * e2e suite's zero-bytes second visit and the dashboard-revisit bench read the same counts.
 */
export async function watchMediaTraffic(page: Page, prefix: string): Promise<{ requests: (visit: number) => MediaRequest[]; nextVisit(): void; stop(): Promise<void> }> {
  const client = await page.context().newCDPSession(page);
  await client.send('Network.enable');
  const seen = new Map<string, MediaRequest>();
  let visit = 1;
  client.on('Network.requestWillBeSent', (event) => {
    if (new URL(event.request.url).pathname.startsWith(prefix)) seen.set(event.requestId, { url: event.request.url, fromCache: false, bytes: 0, visit });
  });
  client.on('Network.requestServedFromCache', (event) => {
    const request = seen.get(event.requestId);
    if (request) request.fromCache = true;
  });
  client.on('Network.responseReceived', (event) => {
    const request = seen.get(event.requestId);
    if (request && event.response.fromDiskCache) request.fromCache = true;
  });
  client.on('Network.loadingFinished', (event) => {
    const request = seen.get(event.requestId);
    if (request) request.bytes = request.fromCache ? 0 : event.encodedDataLength;
  });
  return {
    requests: (which) => [...seen.values()].filter((request) => request.visit === which),
    nextVisit: () => void (visit += 1),
    stop: () => client.detach(),
  };
}

/** Resolves once `count` grid thumbnails have loaded and decoded. */
export async function gridThumbnailsLoaded(page: Page, count: number, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const images = [...document.querySelectorAll<HTMLImageElement>('[data-testid="image-backdrop"] img')];
      return images.length === expected && images.every((image) => image.complete && image.naturalWidth > 0);
    },
    count,
    { timeout: timeoutMs },
  );
}
