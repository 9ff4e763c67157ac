'use client';

import Link from 'next/link';
import { useState, type CSSProperties, type ReactNode } from 'react';
import type { PhotoView } from '@/lib/images/photo-view';
import type { FaceView } from '@/lib/people/schemas';
import { FaceSearchResults } from './face-search-results';

/**
 * How wide the photo is drawn, for the browser to pick its size: two thirds of the page from 1024 px,
 * and below, the page's width less its padding and the frame's border (24 + 1 px a side). Saying
 * 100vw there made a phone at DPR 1.75 fetch the 1280-px file for a 362-px frame, not the 640-px one.
 */
const PHOTO_SIZES = '(min-width: 1152px) 720px, (min-width: 1024px) 64vw, calc(100vw - 50px)';

/**
 * The photo page's photo with a button over each face, and the same faces as a row of thumbnails,
 * which are easier to hit than a small face on a phone. Choosing a face searches the owner's other
 * photos for that person; choosing it again closes the results.
 */
export function PhotoFaces({ preview, alt, placeholder, faces, status }: { preview: PhotoView; alt: string; placeholder: string | null; faces: FaceView[]; status: ReactNode }) {
  const [selectedFaceId, setSelectedFaceId] = useState<string | null>(null);
  const selected = faces.find((face) => face.faceId === selectedFaceId) ?? null;
  const toggle = (faceId: string) => setSelectedFaceId((current) => (current === faceId ? null : faceId));

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center justify-center overflow-hidden rounded-xl border border-slate-200 bg-white" style={{ backgroundColor: placeholder ?? undefined }}>
        <div className="relative w-fit max-w-full">
          {/* eslint-disable-next-line @next/next/no-img-element -- a presigned variant, already sized */}
          <img src={preview.url} srcSet={preview.srcSet} sizes={PHOTO_SIZES} fetchPriority="high" alt={alt} width={preview.width} height={preview.height} className="block h-auto max-h-[70vh] w-auto max-w-full" />
          {faces.map((face) => (
            <FaceBox key={face.faceId} face={face} selected={face.faceId === selectedFaceId} onSelect={() => toggle(face.faceId)} />
          ))}
        </div>
      </div>
      <section aria-labelledby="faces-heading" className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="faces-heading" className="text-lg font-semibold">
          Faces
        </h2>
        {status}
        {faces.length > 0 ? <FaceStrip faces={faces} selectedFaceId={selectedFaceId} onSelect={toggle} /> : null}
        {selected ? (
          <div className="flex flex-col gap-3 border-t border-slate-200 pt-4">
            <h3 className="font-medium">{selected.personName ? `Photos of ${selected.personName}` : 'Photos of this person'}</h3>
            <FaceSearchResults query={{ face: { imageId: selected.imageId, faceId: selected.faceId } }} />
          </div>
        ) : null}
      </section>
    </div>
  );
}

function FaceBox({ face, selected, onSelect }: { face: FaceView; selected: boolean; onSelect: () => void }) {
  const label = `Find photos of ${face.personName ?? 'this person'}`;
  return (
    <button
      type="button"
      data-testid="face-button"
      data-face-id={face.faceId}
      aria-pressed={selected}
      aria-label={label}
      title={label}
      onClick={onSelect}
      style={boxStyle(face.box)}
      // The dark hairline keeps a white box visible on a light background; the box stays white in dark mode too.
      className={`absolute rounded-md border-2 shadow-[0_0_0_1px_rgb(0_0_0/0.35)] transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 ${
        selected ? 'border-brand-500 bg-brand-500/15' : 'border-on-photo/90 hover:border-brand-500 hover:bg-on-photo/10'
      }`}
    />
  );
}

/** A face's box in percentages of the photo, kept inside it: detectors report boxes that run past the edge. */
function boxStyle(box: FaceView['box']): CSSProperties {
  const left = clamp(box.left);
  const top = clamp(box.top);
  return { left: percent(left), top: percent(top), width: percent(clamp(box.left + box.width) - left), height: percent(clamp(box.top + box.height) - top) };
}

const clamp = (fraction: number) => Math.min(1, Math.max(0, fraction));
const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

function FaceStrip({ faces, selectedFaceId, onSelect }: { faces: FaceView[]; selectedFaceId: string | null; onSelect: (faceId: string) => void }) {
  return (
    <ul className="flex flex-wrap gap-4" aria-label="Faces in this photo">
      {faces.map((face, index) => {
        const selected = face.faceId === selectedFaceId;
        return (
          <li key={face.faceId} className="flex w-16 flex-col items-center gap-1 text-center">
            <button
              type="button"
              data-testid="face-thumbnail"
              data-face-id={face.faceId}
              aria-pressed={selected}
              aria-label={`Face ${index + 1}${face.personName ? `, ${face.personName}` : ''}`}
              onClick={() => onSelect(face.faceId)}
              className={`rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 ${
                selected ? 'ring-2 ring-brand-500 ring-offset-2' : 'hover:ring-2 hover:ring-slate-300 hover:ring-offset-2'
              }`}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- a presigned face thumbnail, already sized */}
              <img src={face.thumbnailUrl} alt="" width={56} height={56} className="h-14 w-14 rounded-full bg-slate-200 object-cover" />
            </button>
            {face.personId ? (
              <Link href={`/people/${face.personId}`} className={`max-w-full truncate text-xs underline ${face.personName ? 'text-link' : 'text-slate-500 italic'}`}>
                {face.personName ?? 'Unnamed'}
              </Link>
            ) : (
              <span className="text-xs text-slate-500">Not in People</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
