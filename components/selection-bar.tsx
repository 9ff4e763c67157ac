'use client';

const BUTTON = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60';

/** What is selected in the grid, and what can be done with it. */
export function SelectionBar({
  count,
  total,
  limit,
  onSelectAll,
  onClear,
  onDelete,
  onShare,
}: {
  count: number;
  total: number;
  limit: number;
  onSelectAll: () => void;
  onClear: () => void;
  onDelete: () => void;
  /** Shares the selected photos as one album link. */
  onShare: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" role="group" aria-label="Selection" data-testid="selection-bar">
      <span className="text-slate-600" aria-live="polite">
        {count === 0 ? 'Select photos to share or delete several at once.' : `${count} selected`}
      </span>
      {count < Math.min(total, limit) ? (
        <button type="button" className={BUTTON} onClick={onSelectAll}>
          Select all{total > limit ? ` (first ${limit})` : ''}
        </button>
      ) : null}
      {count > 0 ? (
        <>
          <button type="button" className={BUTTON} onClick={onClear}>
            Clear selection
          </button>
          <button type="button" className={BUTTON} onClick={onShare}>
            Share as one link
          </button>
          <button
            type="button"
            className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50"
            onClick={onDelete}
          >
            Delete selected
          </button>
        </>
      ) : null}
    </div>
  );
}
