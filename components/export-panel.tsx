'use client';

import { useAction } from 'next-safe-action/hooks';
import { requestExportAction } from '@/app/actions/export';
import { EXPORT_RETENTION_DAYS } from '@/lib/account/limits';
import type { ExportView } from '@/lib/account/list-exports';
import { formatBytes } from '@/lib/images/format-bytes';
import { ActionButton } from './action-button';
import { AutoRefresh } from './auto-refresh';

/*
 * Dates are written in UTC: the server renders this first and the browser hydrates it, and the two
 * need not share a time zone.
 */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const DAY_AND_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

type ExportState = ExportView['status'] | 'expired';

const stateOf = (item: ExportView): ExportState => (item.expired ? 'expired' : item.status);
const inFlight = (item: ExportView) => item.status === 'queued' || item.status === 'running';

/** Settings → Export: ask for an archive of everything, watch it being made, download it while it lasts. */
export function ExportPanel({ exports }: { exports: ExportView[] }) {
  const { execute, isPending, result } = useAction(requestExportAction);
  const running = exports.some(inFlight);
  return (
    <section data-testid="export-panel" aria-labelledby="export-heading" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="export-heading" className="text-lg font-semibold">
        Export your data
      </h2>
      <p className="text-sm text-slate-600">
        One ZIP file with every photo exactly as you uploaded it, its details, LinkedIn checks and share links, and the people found in
        your photos. You can download it for {EXPORT_RETENTION_DAYS} days.
      </p>
      <ActionButton
        onClick={() => execute({})}
        isPending={isPending}
        pendingLabel="Starting…"
        result={result}
        className="rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600"
      >
        Export my data
      </ActionButton>
      {exports.length > 0 ? (
        <ul className="flex flex-col gap-2 text-sm" aria-live="polite">
          {exports.map((item) => (
            <li key={item.exportId} data-testid="export-status" data-state={stateOf(item)} className="flex flex-wrap items-baseline gap-x-2">
              <span className="text-slate-500">{DAY_AND_TIME.format(item.createdAt)}:</span>
              <ExportStatusLine item={item} />
            </li>
          ))}
        </ul>
      ) : null}
      <AutoRefresh active={running} />
    </section>
  );
}

function ExportStatusLine({ item }: { item: ExportView }) {
  switch (stateOf(item)) {
    case 'queued':
      return <span>Preparing… starting soon</span>;
    case 'running':
      return <span>{item.photosTotal > 0 ? `Preparing… ${item.photosDone} of ${item.photosTotal} photos` : 'Preparing…'}</span>;
    case 'ready':
      return (
        <span>
          Ready:{' '}
          {item.downloadUrl ? (
            <a href={item.downloadUrl} download={item.downloadName} data-testid="export-download" className="font-medium text-link underline">
              Download
            </a>
          ) : null}{' '}
          <span className="text-slate-500">
            ({item.bytes !== null ? `${formatBytes(item.bytes)}, ` : ''}expires {item.availableUntil !== null ? DAY.format(item.availableUntil) : 'soon'})
          </span>
        </span>
      );
    case 'expired':
      return <span className="text-slate-500">Expired. Ask for a new export to download your data again.</span>;
    case 'failed':
      return <span className="text-red-700">Failed: {item.failureReason}</span>;
  }
}
