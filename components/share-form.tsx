'use client';

import { useAction } from 'next-safe-action/hooks';
import { useState } from 'react';
import { toast } from 'sonner';
import { createLinkAction } from '@/app/actions/create-link';
import type { Link, LinkExpiry, ShareOption } from '@/lib/links/schemas';
import { actionErrorMessage } from './action-error';
import { LinkCopyButton } from './link-copy-button';
import { QrCode } from './qr-code';

const EXPIRY_OPTIONS: { value: LinkExpiry; label: string }[] = [
  { value: '1h', label: '1 hour' },
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: 'never', label: 'Never' },
];

/** The options of a new link, and the link itself once it is made. */
export function ShareForm({ imageId, variants, defaultVariant }: { imageId: string; variants: ShareOption[]; defaultVariant: string }) {
  const [created, setCreated] = useState<Link | null>(null);
  const { execute, result, isPending } = useAction(createLinkAction, {
    onSuccess: ({ data }) => {
      setCreated(data ?? null);
      toast.success('Link created', { description: 'Copy it, or scan its QR code.' });
    },
  });
  const error = actionErrorMessage(result);

  if (created) return <CreatedLink link={created} onAnother={() => setCreated(null)} />;

  return (
    <form
      className="flex flex-col gap-4 text-sm"
      action={(form) =>
        execute({
          imageId,
          expiry: String(form.get('expiry')) as LinkExpiry,
          variant: String(form.get('variant')),
          allowDownload: form.get('allowDownload') === 'on',
        })
      }
    >
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-medium">Expires after</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {EXPIRY_OPTIONS.map((option) => (
            <label key={option.value} className="flex items-center gap-1.5">
              <input type="radio" name="expiry" value={option.value} defaultChecked={option.value === '7d'} />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex flex-col gap-1 font-medium">
        Size
        <select name="variant" defaultValue={defaultVariant} className="rounded-md border border-slate-300 px-3 py-2 font-normal">
          {variants.map((variant) => (
            <option key={variant.name} value={variant.name}>
              {variant.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="allowDownload" />
        Let viewers download the photo
      </label>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={isPending} className="self-start rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600 disabled:opacity-60">
        {isPending ? 'Creating…' : 'Create link'}
      </button>
    </form>
  );
}

function CreatedLink({ link, onAnother }: { link: Link; onAnother: () => void }) {
  const expires = link.validUntil === null ? 'never expires' : `works until ${new Date(link.validUntil).toLocaleString()}`;
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="created-link">
      <p>
        Anyone with this link can see the photo. It {expires}
        {link.allowDownload ? ' and allows downloads' : ''}.
      </p>
      <div className="flex items-center gap-2">
        <a href={link.path} target="_blank" rel="noreferrer" className="truncate font-mono text-link underline" data-testid="share-link">
          {link.path}
        </a>
        <LinkCopyButton path={link.path} />
      </div>
      <QrCode path={link.path} />
      <button type="button" onClick={onAnother} className="self-start text-link underline">
        Create another link
      </button>
    </div>
  );
}
