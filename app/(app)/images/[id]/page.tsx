import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { AutoRefresh } from '@/components/auto-refresh';
import { DeleteImageButton } from '@/components/delete-image-button';
import { FaceIndexStatus } from '@/components/people/face-index-status';
import { PhotoFaces } from '@/components/photo-faces';
import { SharePanel } from '@/components/share-panel';
import { StatusBadge } from '@/components/status-badge';
import { VariantTable } from '@/components/variant-table';
import { pageUser } from '@/adapters/current-user';
import { getImage, getOriginalDownload, photoView } from '@/lib/images';
import { formatBytes } from '@/lib/images/format-bytes';
import { listImageFaces } from '@/lib/people';

const loadImage = cache(async (imageId: string) => getImage((await pageUser()).id, imageId));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const image = await loadImage((await params).id);
  return { title: image?.fileName ?? 'Photo' };
}

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await pageUser();
  const image = await loadImage((await params).id);
  if (!image) notFound();
  // Faces exist only once looking for them was asked for.
  const [faces, originalUrl] = await Promise.all([
    image.faceIndex ? listImageFaces(user.id, image.imageId) : [],
    image.status === 'ready' ? getOriginalDownload(user.id, image.imageId) : null,
  ]);
  const findingFaces = image.faceIndex?.status === 'queued' || image.faceIndex?.status === 'running';
  const preview = photoView(image);
  const facts: [string, string | null][] = [
    ['Format', image.format?.toUpperCase() ?? null],
    ['Dimensions', image.width && image.height ? `${image.width} × ${image.height}` : null],
    ['Size', image.bytes ? formatBytes(image.bytes) : null],
    ['Transparency', image.hasAlpha === null ? null : image.hasAlpha ? 'yes' : 'no'],
    ['Animated', image.animated === null ? null : image.animated ? 'yes' : 'no'],
    ['Camera', [image.camera?.make, image.camera?.model].filter(Boolean).join(' ') || null],
    ['Taken', image.camera?.capturedAt?.replace('T', ' ') ?? null],
    ['Uploaded', new Date(image.createdAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'],
  ];

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/dashboard" className="text-sm text-link underline">
          ← Photos
        </Link>
        <h1 className="text-2xl font-semibold break-all">{image.fileName}</h1>
        <StatusBadge status={image.status} />
        <div className="flex flex-wrap items-start gap-3 sm:ml-auto">
          {originalUrl ? (
            <a href={originalUrl} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100" data-testid="download-original">
              Download original
            </a>
          ) : null}
          {image.status === 'ready' ? (
            <Link href={`/images/${image.imageId}/analysis`} className="rounded-md border border-brand-500 px-3 py-1.5 text-sm font-medium text-link hover:bg-brand-50">
              LinkedIn check
            </Link>
          ) : null}
          <DeleteImageButton imageId={image.imageId} fileName={image.fileName} />
        </div>
      </div>
      {image.failureReason ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-red-800">
          {image.failureReason}
        </p>
      ) : null}
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        {preview ? (
          <PhotoFaces
            preview={preview}
            alt={image.fileName}
            placeholder={image.placeholder}
            faces={faces}
            status={<FaceIndexStatus image={image} faceCount={faces.length} />}
          />
        ) : (
          <div className="flex items-center justify-center overflow-hidden rounded-xl border border-slate-200 bg-white" style={{ backgroundColor: image.placeholder ?? undefined }}>
            <p className="p-16 text-slate-500">{image.status === 'failed' ? 'No preview: the file could not be processed.' : 'Processing…'}</p>
          </div>
        )}
        <dl className="grid h-fit grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-xl border border-slate-200 bg-white p-5 text-sm">
          {facts
            .filter(([, value]) => value)
            .map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
      </div>
      <SharePanel imageId={image.imageId} />
      {image.variants.length > 0 ? <VariantTable variants={image.variants} /> : null}
      <AutoRefresh active={image.status === 'uploading' || image.status === 'processing' || findingFaces} />
    </div>
  );
}
