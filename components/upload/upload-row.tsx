'use client';

import { useState } from 'react';
import type { UploadItem } from './use-upload-queue';

const STATE_LABELS: Record<Exclude<UploadItem['state'], 'uploading'>, string> = {
  refused: 'Not uploaded',
  waiting: 'Waiting',
  done: 'Uploaded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const BUTTON = 'rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium hover:bg-slate-100';

/** One file on its way: its local preview, how far it got, and what can be done about it. */
export function UploadRow({
  item,
  onCancel,
  onRetry,
  onDismiss,
}: {
  item: UploadItem;
  onCancel: () => void;
  onRetry: () => void;
  onDismiss: () => void;
}) {
  const label = item.state === 'uploading' ? `${Math.round(item.progress * 100)}%` : STATE_LABELS[item.state];
  const inFlight = item.state === 'waiting' || item.state === 'uploading';
  // Most browsers cannot draw a HEIC (Safari can): the row shows a placeholder rather than a broken image.
  const [unreadable, setUnreadable] = useState(false);
  return (
    <li className="flex items-center gap-3 text-sm" data-testid="upload-row" data-state={item.state} data-name={item.name}>
      <div className="size-12 shrink-0 overflow-hidden rounded-md bg-slate-200">
        {item.previewUrl && !unreadable ? (
          // The file's name is written beside it, so the preview is decoration to a screen reader.
          // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of the file being uploaded
          <img src={item.previewUrl} alt="" className="size-full object-cover" data-testid="upload-preview" onError={() => setUnreadable(true)} />
        ) : null}
        {item.previewUrl && unreadable ? <PreviewPlaceholder name={item.name} /> : null}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        {/* On a phone the status goes under the name, so a long name is not cut to a few letters. */}
        <div className="flex flex-col sm:flex-row sm:justify-between sm:gap-2">
          <span className="truncate font-medium">{item.name}</span>
          <span className="shrink-0 text-slate-600 tabular-nums" data-testid="upload-status">
            {label}
          </span>
        </div>
        {item.message ? (
          <p role="alert" className="text-xs text-red-700">
            {item.message}
          </p>
        ) : (
          <progress
            className="h-1.5 w-full appearance-none overflow-hidden rounded-full bg-slate-200 [&::-moz-progress-bar]:bg-brand-500 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-500"
            max={1}
            value={item.progress}
            aria-label={`Upload of ${item.name}`}
          />
        )}
      </div>
      <div className="flex shrink-0 gap-1">
        {inFlight ? (
          <button type="button" className={BUTTON} onClick={onCancel} aria-label={`Cancel upload of ${item.name}`}>
            Cancel
          </button>
        ) : null}
        {item.state === 'failed' || item.state === 'cancelled' ? (
          <button type="button" className={BUTTON} onClick={onRetry} aria-label={`Retry upload of ${item.name}`}>
            Retry
          </button>
        ) : null}
        {!inFlight && item.state !== 'done' ? (
          <button type="button" className={BUTTON} onClick={onDismiss} aria-label={`Dismiss ${item.name}`}>
            Dismiss
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** In place of a preview the browser cannot draw: a picture icon and the file's type, from its name. */
function PreviewPlaceholder({ name }: { name: string }) {
  const extension = /\.(\w{1,5})$/.exec(name)?.[1]?.toUpperCase();
  return (
    <div className="flex size-full flex-col items-center justify-center gap-0.5 text-slate-600" aria-hidden="true" data-testid="upload-preview-placeholder">
      <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round">
        <rect x="3" y="4" width="18" height="16" rx="2" />
        <circle cx="9" cy="10" r="1.75" />
        <path d="m21 16-5-5-9 9" />
      </svg>
      {extension ? <span className="text-[10px] leading-none font-semibold">{extension}</span> : null}
    </div>
  );
}
