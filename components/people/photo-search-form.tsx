'use client';

import { useEffect, useRef, useState } from 'react';
import { MAX_QUERY_PHOTO_BYTES } from '@/lib/people/limits';
import { FaceSearchResults } from '../face-search-results';

/** Faces stay recognisable at this size, and the upload stays small on a phone's connection. */
const MAX_SIDE = 1600;
const JPEG_QUALITY = 0.9;
const MAX_MB = MAX_QUERY_PHOTO_BYTES / 1024 / 1024;

/** A photo chosen for a search, as it is sent; previewUrl is only set when the browser could decode it. */
interface QueryPhoto {
  photo: Blob;
  previewUrl: string | null;
}

class PhotoRefused extends Error {}

/**
 * "Find a person by photo": the chosen photo is shrunk in the browser when it can be decoded (smaller
 * upload, no EXIF leaves the device), then sent to the search, which reads it and drops it.
 */
export function PhotoSearchForm() {
  const [query, setQuery] = useState<QueryPhoto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  // Only the latest choice may set the query, when an earlier one takes longer to shrink.
  const latestChoice = useRef(0);

  useEffect(() => {
    const previewUrl = query?.previewUrl;
    return () => {
      if (previewUrl) URL.revokeObjectURL(previewUrl);
    };
  }, [query]);

  async function choose(file: File) {
    const choice = ++latestChoice.current;
    // The last search's results go at once: they are not for this photo.
    setQuery(null);
    setError(null);
    setPreparing(true);
    try {
      const prepared = await prepareQueryPhoto(file);
      if (choice === latestChoice.current) setQuery(prepared);
      else if (prepared.previewUrl) URL.revokeObjectURL(prepared.previewUrl);
    } catch (reason) {
      if (choice !== latestChoice.current) return;
      setError(reason instanceof PhotoRefused ? reason.message : 'That photo could not be prepared for the search. Try another one.');
    } finally {
      if (choice === latestChoice.current) setPreparing(false);
    }
  }

  return (
    <section aria-labelledby="photo-search-heading" className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="flex flex-col gap-1">
          <h2 id="photo-search-heading" className="text-lg font-semibold">
            Find a person by photo
          </h2>
          <p className="text-sm text-slate-600">Choose a photo of someone to find them in your photos. The largest face in it is used.</p>
        </div>
        <label className="cursor-pointer rounded-md border border-brand-500 px-4 py-2 text-sm font-medium text-link focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-500 hover:bg-brand-50">
          {preparing ? 'Preparing…' : query ? 'Choose another photo' : 'Choose a photo'}
          <input
            type="file"
            accept="image/*"
            className="sr-only"
            data-testid="search-photo-input"
            disabled={preparing}
            onChange={(event) => {
              const file = event.target.files?.[0];
              // Cleared, so choosing the same file again searches again.
              event.target.value = '';
              if (file) void choose(file);
            }}
          />
        </label>
      </div>
      <p className="text-xs text-slate-500">The photo is used for this search only and is not kept.</p>
      {error ? (
        <p role="alert" className="text-sm text-red-700" data-testid="search-photo-error">
          {error}
        </p>
      ) : null}
      {query ? (
        <div className="flex flex-col gap-4">
          {query.previewUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- a local object URL of the chosen photo
            <img src={query.previewUrl} alt="The photo you searched with" className="h-20 w-20 rounded-md border border-slate-200 object-cover" />
          ) : null}
          <FaceSearchResults query={{ photo: query.photo }} />
        </div>
      ) : null}
    </section>
  );
}

async function prepareQueryPhoto(file: File): Promise<QueryPhoto> {
  if (file.type && !file.type.startsWith('image/')) throw new PhotoRefused('Choose a photo: this file is not an image.');
  const shrunk = await shrinkToJpeg(file).catch(() => null);
  if (shrunk && shrunk.size <= MAX_QUERY_PHOTO_BYTES) return { photo: shrunk, previewUrl: URL.createObjectURL(shrunk) };
  // The server may still read what this browser cannot (HEIC in most browsers, say).
  if (file.size <= MAX_QUERY_PHOTO_BYTES) return { photo: file, previewUrl: null };
  const size = (file.size / 1024 / 1024).toFixed(1);
  throw new PhotoRefused(`This browser cannot read this photo to make it smaller, and at ${size} MB it is over the ${MAX_MB} MB limit for search photos. Try a JPEG or PNG.`);
}

/** The photo as a JPEG at most MAX_SIDE on its long side; null when this browser cannot decode or draw it. */
async function shrinkToJpeg(file: Blob): Promise<Blob | null> {
  if (typeof createImageBitmap !== 'function') return null;
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    return await drawAsJpeg(bitmap, Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)));
  } finally {
    bitmap.close();
  }
}

async function drawAsJpeg(bitmap: ImageBitmap, width: number, height: number): Promise<Blob | null> {
  // OffscreenCanvas keeps the encoding off the page's canvas; older Safari has one without a 2D context.
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (context) {
      paint(context, bitmap, width, height);
      return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  paint(context, bitmap, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
}

function paint(context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, bitmap: ImageBitmap, width: number, height: number) {
  // JPEG has no transparency: see-through pixels go on white rather than turning black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
}
