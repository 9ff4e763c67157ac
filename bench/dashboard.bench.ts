import { median, percentile, round, wallTime, type Bench, type Figure } from './figure';
import { withLocalCloud } from './with-local-cloud';

/**
 * The dashboard of a user with 10,000 photos, as server time: what the page reads before it renders
 * (lib/images listImages, one page of 24 with its thumbnails' /media/ paths, and the dead letters),
 * against dynalite. The records are written through the ElectroDB service, as processing writes
 * them, with eight variants each; the thumbnails' keys need not exist (a path reads nothing).
 */

const PHOTOS = 10_000;
const WARMUP = 5;
const MEASURED = 60;
/** A page deep into the library: the cursor after this many pages. */
const LATER_PAGE = 200;

const SIZES = [256, 640, 1280, 2048] as const;

export const run: Bench = () => withLocalCloud({}, measure);

async function measure(): Promise<Figure[]> {
  const { getDb } = await import('../lib/db');
  const { listImages } = await import('../lib/images');
  const { listDeadLetters } = await import('../lib/jobs/list-dead-letters');
  const userId = 'usr_bench_dashboard';
  const now = Date.now();
  const items = Array.from({ length: PHOTOS }, (_, n) => {
    const imageId = `img${String(n).padStart(13, '0')}`;
    return {
      userId,
      imageId,
      fileName: `photo-${n}.jpg`,
      declaredType: 'image/jpeg',
      declaredBytes: 4_000_000,
      originalKey: `uploads/${userId}/${imageId}/original`,
      status: 'ready' as const,
      format: 'jpeg',
      width: 4000,
      height: 3000,
      bytes: 4_000_000,
      placeholder: '#8899aa',
      variants: SIZES.flatMap((size) =>
        (['webp', 'jpeg'] as const).map((format) => ({ name: `w${size}`, key: `images/${userId}/${imageId}/w${size}.${format}`, format, width: size, height: Math.round(size * 0.75), bytes: size * 60 })),
      ),
      faceIndex: { status: 'done' as const, faces: 1 },
      createdAt: now - n * 1000,
    };
  });
  for (let start = 0; start < items.length; start += 1000) {
    const { unprocessed } = await getDb().entities.image.put(items.slice(start, start + 1000)).go();
    if (unprocessed.length > 0) throw new Error(`${unprocessed.length} records were not written`);
  }

  const dashboard = (cursor?: string) => Promise.all([listImages(userId, { cursor }), listDeadLetters(userId)]);
  let cursor: string | undefined;
  for (let page = 0; page < LATER_PAGE; page++) cursor = (await listImages(userId, { cursor })).cursor ?? undefined;
  const [firstPage] = await dashboard();
  const [laterPage] = await dashboard(cursor);
  if (firstPage.items.length !== 24 || laterPage.items.length !== 24 || !firstPage.items[0]!.thumbnailUrl) throw new Error('the dashboard did not read full pages of thumbnails');

  const measure = async (pageCursor?: string) => {
    for (let i = 0; i < WARMUP; i++) await dashboard(pageCursor);
    const times: number[] = [];
    for (let i = 0; i < MEASURED; i++) times.push(await wallTime(() => dashboard(pageCursor)));
    return times.sort((a, b) => a - b);
  };
  const first = await measure();
  const later = await measure(cursor);
  return [
    { name: 'dashboard_10k_first_page_p50_ms', value: round(median(first)), unit: 'ms (server)' },
    { name: 'dashboard_10k_first_page_p95_ms', value: round(percentile(first, 95)), unit: 'ms (server)', goal: '< 50' },
    { name: 'dashboard_10k_later_page_p50_ms', value: round(median(later)), unit: 'ms (server)' },
    { name: 'dashboard_10k_later_page_p95_ms', value: round(percentile(later, 95)), unit: 'ms (server)', goal: '< 50' },
  ];
}
