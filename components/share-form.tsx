'use client';

import { useAction } from 'next-safe-action/hooks';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { createLinkAction } from '@/app/actions/create-link';
import type { ShareCopyNotice } from '@/lib/images/schemas';
import type { Link, LinkExpiry, ShareOption } from '@/lib/links/schemas';
import { actionErrorMessage } from './action-error';
import { LinkCopyButton } from './link-copy-button';
import { QrCode } from './qr-code';
import { submitKeepingFields } from './submit-keeping-fields';

const EXPIRY_OPTIONS: { value: LinkExpiry; label: string }[] = [
  { value: '1h', label: '1 hour' },
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: 'never', label: 'Never' },
];

/** The options of a new link, and the link itself once it is made. */
export function ShareForm({
  imageId,
  variants,
  defaultVariant,
  notice,
}: {
  imageId: string;
  variants: ShareOption[];
  defaultVariant: string;
  /** Set while the owner's watermark settings are being applied to their photos. */
  notice: ShareCopyNotice | null;
}) {
  const [variant, setVariant] = useState(defaultVariant);
  // Once the watermark reaches this photo, its watermarked copy becomes the one offered first.
  const [offered, setOffered] = useState(defaultVariant);
  if (offered !== defaultVariant) {
    setOffered(defaultVariant);
    setVariant(defaultVariant);
  }
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
      {...submitKeepingFields((form) =>
        execute({
          imageId,
          expiry: String(form.get('expiry')) as LinkExpiry,
          variant: String(form.get('variant')),
          allowDownload: form.get('allowDownload') === 'on',
          name: customNameOf(form),
          password: passwordOf(form),
        })
      )}
    >
      <ExpiryChoice />
      <label className="flex flex-col gap-1 font-medium">
        Size
        <select name="variant" value={variant} onChange={(event) => setVariant(event.target.value)} className="rounded-md border border-slate-300 px-3 py-2 font-normal">
          {variants.map((variant) => (
            <option key={variant.name} value={variant.name}>
              {variant.label}
            </option>
          ))}
        </select>
      </label>
      <ShownCopy option={variants.find((option) => option.name === variant)} notice={notice} />
      <CustomNameField />
      <PasswordField />
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

/** How long a new link works: the share form's and the album form's. */
export function ExpiryChoice() {
  return (
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
  );
}

/** The optional custom name of a new link (docs/sharing.md#custom-names). */
export function CustomNameField() {
  const help = useId();
  return (
    <label className="flex flex-col gap-1 font-medium">
      <span>
        Custom name <span className="font-normal text-slate-600">(optional)</span>
      </span>
      <span className="flex min-w-0 items-center gap-1 font-normal">
        <span className="shrink-0 font-mono text-slate-600">/s/</span>
        <input
          type="text"
          name="name"
          inputMode="url"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={40}
          placeholder="jane-2026"
          aria-describedby={help}
          data-testid="share-name"
          className="w-full min-w-0 rounded-md border border-slate-300 px-3 py-2 font-mono"
        />
      </span>
      <span id={help} className="text-xs font-normal text-slate-600">
        3–40 lower-case letters, digits or hyphens. Left empty, the link gets a random code.
      </span>
    </label>
  );
}

/** The name a form asked for, or none: left empty, the link gets a drawn code. */
export function customNameOf(form: FormData): string | undefined {
  return String(form.get('name') ?? '').trim() || undefined;
}

/** An optional password for the link; the album dialog has it too. */
export function PasswordField() {
  return (
    <label className="flex flex-col gap-1 font-medium">
      <span>
        Password <span className="font-normal text-slate-600">(optional)</span>
      </span>
      <input
        type="password"
        name="password"
        autoComplete="new-password"
        maxLength={128}
        aria-describedby="share-password-help"
        data-testid="share-password"
        className="w-full min-w-0 rounded-md border border-slate-300 px-3 py-2 font-normal"
      />
      <span id="share-password-help" className="text-xs font-normal text-slate-600">
        At least 4 characters. Visitors must type it before they see anything.
      </span>
    </label>
  );
}

/** Left empty, anyone with the link sees it. */
export function passwordOf(form: FormData): string | undefined {
  return String(form.get('password') ?? '') || undefined;
}

/**
 * Which copy a link made now shows: with the watermark or without. While the owner's watermark is
 * being applied to their photos and has not reached this one, what that copy becomes, too.
 */
function ShownCopy({ option, notice }: { option: ShareOption | undefined; notice: ShareCopyNotice | null }) {
  if (!option) return null;
  const waiting = notice !== null && !notice.photoUpdated;
  const progress = notice && notice.photosTotal > 0 ? ` (${notice.photosDone} of ${notice.photosTotal} photos so far)` : '';
  let text = option.watermarked ? 'A link made now shows this photo with your watermark.' : 'A link made now shows this photo without a watermark.';
  if (waiting && notice.action === 'apply') {
    text = option.watermarked
      ? `Your new watermark settings are being applied to your photos${progress} and have not reached this one yet: a link made now shows it with its previous watermark, and with the new one once they have.`
      : `Your watermark is being applied to your photos${progress} and has not reached this one yet: a link made now shows it without a watermark, and keeps doing so. To share it watermarked, wait until it has.`;
  } else if (waiting && option.watermarked) {
    text = `Your watermark is being taken off your photos${progress} and has not reached this one yet: a link made now shows it with the watermark.`;
  }
  return (
    <p className="text-slate-600" data-testid="share-copy" data-copy={option.watermarked ? 'watermarked' : 'clean'} data-waiting={waiting ? 'true' : 'false'} aria-live="polite">
      {text}
    </p>
  );
}

/** A link just made: its address, a copy button and its QR code. */
export function CreatedLink({ link, onAnother }: { link: Link; onAnother: () => void }) {
  // In the owner's own time zone, named: the link may be sent to someone in another.
  const expires = link.validUntil === null ? 'never expires' : `works until ${new Date(link.validUntil).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })}`;
  // The address as the owner will send it: this site's own origin, as the copy button and the QR code make it.
  const url = new URL(link.path, window.location.origin).toString();
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="created-link">
      <p>
        Anyone with this link{link.protected ? ' and its password' : ''} can see {link.kind === 'album' ? `the ${link.imageIds.length} photos` : 'the photo'}. It {expires}
        {link.allowDownload ? ' and allows downloads' : ''}.
      </p>
      <div className="flex items-center gap-2">
        <a href={url} target="_blank" rel="noreferrer" className="min-w-0 break-all font-mono text-link underline" data-testid="share-link">
          {url}
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
