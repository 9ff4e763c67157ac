'use client';

import { MAX_UPLOAD_BYTES } from '@/lib/images/transform/limits';
import { useUploads } from './upload/upload-area';
import { UploadRow } from './upload/upload-row';

/**
 * The visible drop zone, with the keyboard's way in (Choose photos), and every file on its way.
 * Lives inside <UploadArea>, which takes drops anywhere on the page.
 */
export function Uploader() {
  const { items, openPicker, cancel, retry, dismiss } = useUploads();
  return (
    <section className="flex flex-col gap-3" aria-label="Upload photos">
      <div
        className="flex flex-col items-center gap-3 rounded-xl border-2 border-dashed border-slate-300 bg-white px-6 py-8 text-center sm:flex-row sm:justify-between sm:text-left"
        data-testid="drop-zone"
      >
        <div className="flex flex-col gap-1">
          {/* A phone can neither drag nor paste files: it is told what it can do. */}
          <p className="font-medium">
            <span className="pointer-coarse:hidden">Drag photos here, paste them, or choose them</span>
            <span className="hidden pointer-coarse:inline">Choose photos from your phone or its camera</span>
          </p>
          <p className="text-sm text-slate-600">
            JPEG, PNG, WebP, AVIF, GIF, TIFF or HEIC, up to {MAX_UPLOAD_BYTES / 1024 / 1024} MB each.
          </p>
        </div>
        <button type="button" onClick={openPicker} className="shrink-0 rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600">
          Choose photos
        </button>
      </div>
      {items.length > 0 ? (
        <ul className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4" aria-label="Uploads">
          {items.map((item) => (
            <UploadRow key={item.id} item={item} onCancel={() => void cancel(item.id)} onRetry={() => retry(item.id)} onDismiss={() => dismiss(item.id)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
