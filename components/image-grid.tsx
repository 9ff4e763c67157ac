import Link from 'next/link';
import type { Image } from '@/lib/images/schemas';
import { AnalyzeButton } from './analyze-button';
import { StatusBadge } from './status-badge';

export function ImageGrid({ images, nextCursor }: { images: Image[]; nextCursor: string | null }) {
  if (images.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center text-slate-500">
        No photos yet. Upload one to get started.
      </p>
    );
  }
  return (
    <section className="flex flex-col gap-6">
      <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Photos">
        {images.map((image) => (
          <li
            key={image.imageId}
            data-testid="image-card"
            data-status={image.status}
            className="flex flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
          >
            <Link href={`/images/${image.imageId}`} className="group block">
              <div className="flex aspect-square items-center justify-center" style={{ backgroundColor: image.placeholder ?? '#e2e8f0' }}>
                {image.thumbnailUrl ? (
                  // eslint-disable-next-line @next/next/no-img-element -- presigned S3 URLs are already sized variants
                  <img src={image.thumbnailUrl} alt={image.fileName} className="h-full w-full object-cover" />
                ) : (
                  <span className="px-3 text-center text-sm text-slate-600">
                    {image.status === 'failed' ? 'Could not process' : image.status === 'uploading' ? 'Uploading…' : 'Processing…'}
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
        ))}
      </ul>
      {nextCursor ? (
        <Link href={`/dashboard?cursor=${encodeURIComponent(nextCursor)}`} className="self-center text-sm text-brand-600 underline">
          Older photos
        </Link>
      ) : null}
    </section>
  );
}
