import { isCounted, type ProfileReport } from '@/lib/profile-check/schemas';
import type { PhotoView } from '@/lib/images/photo-view';

/** How wide the photo is drawn (three fifths of the page from 1024 px; below, the page's width less its padding and the frame's border), for the browser to pick its size. */
const PHOTO_SIZES = '(min-width: 1152px) 660px, (min-width: 1024px) 58vw, calc(100vw - 50px)';

/** The subject in green, another person in the picture in amber, faces that do not count in grey, dashed. */
const STROKE = { subject: '#22c55e', 'in-picture': '#f59e0b', background: '#94a3b8', unverified: '#94a3b8' } as const;

/**
 * The photo with a box around each face. The SVG uses the photo's own 0..1 coordinates and
 * stretches with it, so the boxes stay on the faces at any displayed size.
 */
export function FaceOverlay({ photo, alt, faces }: { photo: PhotoView; alt: string; faces: ProfileReport['faces'] }) {
  const counted = faces.filter(isCounted).length;
  const label = `${faces.length} face${faces.length === 1 ? '' : 's'} found${counted === faces.length ? '' : `, ${counted} counted`}`;
  return (
    <figure className="relative w-fit max-w-full self-start">
      {/* eslint-disable-next-line @next/next/no-img-element -- a presigned variant, already sized */}
      <img src={photo.url} srcSet={photo.srcSet} sizes={PHOTO_SIZES} alt={alt} width={photo.width} height={photo.height} className="block h-auto max-h-[70vh] w-auto max-w-full" />
      <svg className="pointer-events-none absolute inset-0 h-full w-full" viewBox="0 0 1 1" preserveAspectRatio="none" role="img" aria-label={label}>
        {faces.map((face, index) => (
          <rect
            key={index}
            data-testid="face-box"
            data-role={face.role}
            x={face.box.left}
            y={face.box.top}
            width={face.box.width}
            height={face.box.height}
            fill="none"
            stroke={STROKE[face.role]}
            strokeWidth={isCounted(face) ? 3 : 2}
            strokeDasharray={isCounted(face) ? undefined : '6 4'}
            vectorEffect="non-scaling-stroke"
          />
        ))}
      </svg>
    </figure>
  );
}
