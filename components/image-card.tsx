import Link from 'next/link';
import type { Image } from '@/lib/images/schemas';
import { AnalyzeButton } from './analyze-button';
import { StatusBadge } from './status-badge';

/** How wide a card is drawn, for the browser to pick the thumbnail (256 px) or its larger WebP (640 px). Follows the grid's columns. */
export const CARD_SIZES = '(min-width: 1280px) 208px, (min-width: 1024px) 24vw, (min-width: 640px) 31vw, 46vw';

/**
 * One photo of the grid. Until its thumbnail has loaded, the card shows the photo's stored blur (or
 * its dominant colour) underneath, so the grid has the photo's look from the first paint.
 */
export function ImageCard({
  image,
  loading,
  selected,
  onSelectedChange,
}: {
  image: Image;
  /** first: fetched before anything else; eager: at once; lazy: when it scrolls near. */
  loading: 'first' | 'eager' | 'lazy';
  selected: boolean;
  onSelectedChange: (selected: boolean) => void;
}) {
  const backdrop = {
    backgroundColor: image.placeholder ?? undefined,
    backgroundImage: image.blurDataUrl ? `url("${image.blurDataUrl}")` : undefined,
  };
  return (
    <li
      data-testid="image-card"
      data-status={image.status}
      data-selected={selected}
      className={`relative flex flex-col overflow-hidden rounded-xl border bg-white shadow-sm ${selected ? 'border-brand-500 ring-2 ring-brand-500' : 'border-slate-200'}`}
    >
      <label className="absolute top-2 left-2 z-10 flex size-8 cursor-pointer items-center justify-center rounded-md bg-white/90 shadow-sm">
        <input type="checkbox" checked={selected} onChange={(event) => onSelectedChange(event.target.checked)} aria-label={`Select ${image.fileName}`} className="size-4 accent-brand-500" />
      </label>
      {/* Not prefetched: a page of 24 cards would fetch 24 photo pages' shells while the grid is still loading. */}
      <Link href={`/images/${image.imageId}`} prefetch={false} className="group block">
        <div className="flex aspect-square items-center justify-center bg-slate-200 bg-cover bg-center" style={backdrop} data-testid="image-backdrop">
          {image.thumbnailUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- the /media/ files are already sized variants
            <img
              src={image.thumbnailUrl}
              srcSet={image.thumbnailSrcSet ?? undefined}
              sizes={image.thumbnailSrcSet ? CARD_SIZES : undefined}
              alt={image.fileName}
              loading={loading === 'lazy' ? 'lazy' : 'eager'}
              fetchPriority={loading === 'first' ? 'high' : 'auto'}
              decoding="async"
              className="h-full w-full object-cover"
            />
          ) : (
            <span className="rounded bg-white/90 px-2 py-1 text-center text-sm text-slate-700">
              {image.status === 'failed' ? 'No preview' : image.status === 'uploading' ? 'Uploading…' : 'Processing…'}
            </span>
          )}
        </div>
        <div className="flex items-center justify-between gap-2 px-3 pt-3">
          <span className="truncate text-sm font-medium">{image.fileName}</span>
          <StatusBadge status={image.status} />
        </div>
      </Link>
      <div className="flex flex-col gap-2 px-3 pt-1 pb-3">
        {image.failureReason ? (
          <p className="text-xs text-red-700" data-testid="failure-reason">
            {image.failureReason}
          </p>
        ) : null}
        {image.status === 'ready' ? <AnalyzeButton imageId={image.imageId} /> : null}
      </div>
    </li>
  );
}
