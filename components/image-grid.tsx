'use client';

import { useAction } from 'next-safe-action/hooks';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { deleteImagesAction } from '@/app/actions/delete-images';
import { listImagesAction } from '@/app/actions/list-images';
import { MAX_BULK_DELETE } from '@/lib/images/limits';
import type { Image, ImageListSnapshot } from '@/lib/images/schemas';
import { actionErrorMessage } from './action-error';
import { AlbumShareDialog } from './album-share-dialog';
import { AutoRefresh } from './auto-refresh';
import { ConfirmDialog } from './confirm-dialog';
import { ImageCard } from './image-card';
import { SelectionBar } from './selection-bar';
import { useLiveCards } from './use-live-cards';

/** Cards whose thumbnails load at once: about the first screenful; the rest wait until they scroll near. */
const EAGER_CARDS = 10;
/** Cards whose thumbnails go before everything else the page loads: the first row on a phone, where the largest paint is. */
const FIRST_CARDS = 2;

const photos = (count: number) => `${count} photo${count === 1 ? '' : 's'}`;

/**
 * The owner's photos: the server's first page, then whatever "Load more" appended, with a selection
 * for deleting several at once. Each card follows its photo by itself (useLiveCards), and a new upload's
 * card comes at once. "Load more" is a plain GET form underneath, so it works without script.
 */
export function ImageGrid({ images, nextCursor, readAt }: { images: Image[]; nextCursor: string | null; /** When the server read `images`. */ readAt: number }) {
  const router = useRouter();
  const [more, setMore] = useState<{ lists: ImageListSnapshot[]; cursor: string | null } | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [sharing, setSharing] = useState(false);

  const { cards: all, forget } = useLiveCards([{ images, readAt }, ...(more?.lists ?? [])]);
  const cursor = more ? more.cursor : nextCursor;
  const inFlight = all.some((image) => image.status === 'uploading' || image.status === 'processing');
  // A photo deleted elsewhere (or by the last refresh) cannot stay selected.
  const selectedIds = all.filter((image) => selected.has(image.imageId)).map((image) => image.imageId);

  const loading = useAction(listImagesAction, {
    onSuccess: ({ data }) => data && setMore((previous) => ({ lists: [...(previous?.lists ?? []), { images: data.items, readAt: data.readAt }], cursor: data.cursor })),
    onError: ({ error }) => toast.error('Could not load more photos', { description: actionErrorMessage(error) }),
  });
  const deleting = useAction(deleteImagesAction, {
    onSuccess: ({ data, input }) => {
      forget(input.imageIds);
      setSelected(new Set());
      setConfirming(false);
      toast.success(`${photos(data?.deleted ?? 0)} deleted`);
      router.refresh();
    },
    onError: ({ error }) => {
      setConfirming(false);
      toast.error('Nothing was deleted', { description: actionErrorMessage(error) });
    },
  });

  function select(imageId: string, on: boolean) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(imageId);
      else next.delete(imageId);
      return next;
    });
  }

  if (all.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center text-slate-600" data-testid="empty-state">
        No photos yet. Drop some here, paste them, or choose them above to get started.
      </p>
    );
  }
  return (
    <section className="flex flex-col gap-6" aria-label="Your photo library">
      <SelectionBar
        count={selectedIds.length}
        total={all.length}
        limit={MAX_BULK_DELETE}
        onSelectAll={() => setSelected(new Set(all.slice(0, MAX_BULK_DELETE).map((image) => image.imageId)))}
        onClear={() => setSelected(new Set())}
        onDelete={() => setConfirming(true)}
        onShare={() => setSharing(true)}
      />
      <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5" aria-label="Photos">
        {all.map((image, index) => (
          <ImageCard key={image.imageId} image={image} loading={index < FIRST_CARDS ? 'first' : index < EAGER_CARDS ? 'eager' : 'lazy'} selected={selected.has(image.imageId)} onSelectedChange={(on) => select(image.imageId, on)} />
        ))}
      </ul>
      {cursor ? (
        <form
          action="/dashboard"
          method="get"
          className="self-center"
          onSubmit={(event) => {
            event.preventDefault();
            loading.execute({ cursor });
          }}
        >
          <input type="hidden" name="cursor" value={cursor} />
          <button type="submit" disabled={loading.isPending} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60">
            {loading.isPending ? 'Loading…' : 'Load more'}
          </button>
        </form>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${photos(selectedIds.length)}?`}
        confirmLabel={`Delete ${photos(selectedIds.length)}`}
        pendingLabel="Deleting…"
        isPending={deleting.isPending}
        onConfirm={() => deleting.execute({ imageIds: selectedIds })}
        onCancel={() => setConfirming(false)}
      >
        <p>Each photo is deleted with every size made from it, its analysis and its faces. Their share links stop working at once. This cannot be undone.</p>
      </ConfirmDialog>
      <AlbumShareDialog open={sharing} imageIds={selectedIds} onClose={() => setSharing(false)} />
      <AutoRefresh active={inFlight} />
    </section>
  );
}
