import { AutoRefresh } from '@/components/auto-refresh';
import { DeadLetterList } from '@/components/dead-letter-list';
import { ImageGrid } from '@/components/image-grid';
import { Uploader } from '@/components/uploader';
import { requireUser } from '@/adapters/current-user';
import { listImages } from '@/lib/images';
import { listDeadLetters } from '@/lib/jobs/list-dead-letters';

export const metadata = { title: 'Your photos' };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const user = await requireUser();
  const { cursor } = await searchParams;
  const [page, deadLetters] = await Promise.all([listImages(user.id, { cursor }), listDeadLetters(user.id)]);
  const pending = page.items.some((image) => image.status === 'uploading' || image.status === 'processing');

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Your photos</h1>
        <Uploader />
      </div>
      <DeadLetterList items={deadLetters} />
      <ImageGrid images={page.items} nextCursor={page.cursor} />
      <AutoRefresh active={pending} />
    </div>
  );
}
