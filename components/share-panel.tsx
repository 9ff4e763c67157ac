import Link from 'next/link';
import { requireUser } from '@/adapters/current-user';
import { getShareOptions } from '@/lib/links';
import { ShareForm } from './share-form';

/**
 * "Share" on an image's detail page: creates a short public link to the photo, with its expiry,
 * size and download options. A server component: it reads the signed-in user itself, and shows
 * nothing for an image that is not theirs.
 */
export async function SharePanel({ imageId }: { imageId: string }) {
  const user = await requireUser();
  const options = await getShareOptions(user.id, imageId);
  if (!options) return null;
  return (
    <section className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="share-heading">
      <div className="flex items-baseline justify-between gap-4">
        <h2 id="share-heading" className="text-lg font-semibold">
          Share
        </h2>
        <Link href="/links" className="text-sm text-link underline">
          My links
        </Link>
      </div>
      {options.defaultVariant ? (
        <ShareForm imageId={options.imageId} variants={options.variants} defaultVariant={options.defaultVariant} />
      ) : (
        <p className="text-sm text-slate-500">This photo can be shared once it has been processed.</p>
      )}
    </section>
  );
}
