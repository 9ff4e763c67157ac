'use client';

import { useAction } from 'next-safe-action/hooks';
import { useId, useState } from 'react';
import { useModalDialog } from './use-modal-dialog';
import { toast } from 'sonner';
import { createLinkAction } from '@/app/actions/create-link';
import type { Link, LinkExpiry } from '@/lib/links/schemas';
import { actionErrorMessage } from './action-error';
import { CreatedLink, CustomNameField, customNameOf, ExpiryChoice, PasswordField, passwordOf } from './share-form';
import { submitKeepingFields } from './submit-keeping-fields';

/**
 * "Share as one link" for the photos selected in the grid: an album link (docs/sharing.md#albums),
 * with the options a photo's link has, each photo at its default shared size. A native modal
 * <dialog>, like ConfirmDialog: Escape closes it.
 */
export function AlbumShareDialog({ open, imageIds, onClose }: { open: boolean; imageIds: string[]; onClose: () => void }) {
  const dialog = useModalDialog(open);
  const titleId = useId();
  const [created, setCreated] = useState<Link | null>(null);
  const { execute, result, isPending, reset } = useAction(createLinkAction, {
    onSuccess: ({ data }) => {
      setCreated(data ?? null);
      toast.success('Album link created', { description: 'Copy it, or scan its QR code.' });
    },
  });
  const error = actionErrorMessage(result);

  function close() {
    setCreated(null);
    reset();
    onClose();
  }

  const count = imageIds.length;
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={() => open && close()}
      data-testid="album-share-dialog"
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl"
    >
      <h2 id={titleId} className="mb-4 text-lg font-semibold">
        Share {count} photo{count === 1 ? '' : 's'} as one link
      </h2>
      {created ? (
        <CreatedLink link={created} onAnother={() => setCreated(null)} />
      ) : (
        <form
          className="flex flex-col gap-4 text-sm"
          {...submitKeepingFields((form) =>
            execute({
              imageIds,
              expiry: String(form.get('expiry')) as LinkExpiry,
              allowDownload: form.get('allowDownload') === 'on',
              name: customNameOf(form),
              password: passwordOf(form),
            })
          )}
        >
          <ExpiryChoice />
          <CustomNameField />
          <PasswordField />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="allowDownload" />
            Let viewers download the photos, one by one or all at once
          </label>
          <p className="text-slate-600">Each photo is shared at the size a link to it alone shows by default. Deleting a photo takes it out of the album.</p>
          {error ? (
            <p role="alert" className="text-red-700">
              {error}
            </p>
          ) : null}
          <button type="submit" disabled={isPending} className="self-start rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600 disabled:opacity-60">
            {isPending ? 'Creating…' : 'Create album link'}
          </button>
        </form>
      )}
      <div className="mt-6 flex justify-end">
        <button type="button" onClick={close} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100">
          Close
        </button>
      </div>
    </dialog>
  );
}
