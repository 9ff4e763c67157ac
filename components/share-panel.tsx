import Link from 'next/link';
import { pageUser } from '@/adapters/current-user';
import { getShareCopyNotice } from '@/lib/images/rerender-share-notice';
import { getShareOptions } from '@/lib/links';
import { AutoRefresh } from './auto-refresh';
import { ShareForm } from './share-form';

/**
 * "Share" on an image's detail page: creates a short public link to the photo, with its expiry,
 * size and download options. A server component: it reads the signed-in user itself, and shows
 * nothing for an image that is not theirs.
 */
export async function SharePanel({ imageId }: { imageId: string }) {
  const user = await pageUser();
  const [options, notice] = await Promise.all([getShareOptions(user.id, imageId), getShareCopyNotice(user.id, imageId)]);
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
        <ShareForm imageId={options.imageId} variants={options.variants} defaultVariant={options.defaultVariant} notice={notice} />
      ) : (
        <p className="text-sm text-slate-500">This photo can be shared once it has been processed.</p>
      )}
      {/* Until the watermark has reached this photo, what a new link shows changes under the form. */}
      <AutoRefresh active={notice !== null && !notice.photoUpdated} />
    </section>
  );
}
