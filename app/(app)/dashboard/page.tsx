import Link from 'next/link';
import { DeadLetterList } from '@/components/dead-letter-list';
import { ImageGrid } from '@/components/image-grid';
import { UploadArea } from '@/components/upload/upload-area';
import { Uploader } from '@/components/uploader';
import { pageUser } from '@/adapters/current-user';
import { listImages } from '@/lib/images';
import { listDeadLetters } from '@/lib/jobs/list-dead-letters';

export const metadata = { title: 'Your photos' };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const user = await pageUser();
  const { cursor } = await searchParams;
  const [page, deadLetters] = await Promise.all([listImages(user.id, { cursor }), listDeadLetters(user.id)]);

  return (
    <UploadArea>
      <div className="flex flex-col gap-8">
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h1 className="text-2xl font-semibold">Your photos</h1>
          {/* Reached without script, through "Load more": the way back to the newest. */}
          {cursor ? (
            <Link href="/dashboard" className="text-sm text-link underline">
              Newest photos
            </Link>
          ) : null}
        </div>
        <Uploader />
        <DeadLetterList items={deadLetters} />
        <ImageGrid images={page.items} nextCursor={page.cursor} readAt={page.readAt} />
      </div>
    </UploadArea>
  );
}
