/** Shown while the dashboard's first page is read: the grid's shape, so nothing jumps when it arrives. */
export default function DashboardLoading() {
  return (
    <div className="flex flex-col gap-8" aria-busy="true" aria-live="polite">
      <h1 className="text-2xl font-semibold">Your photos</h1>
      <p className="sr-only">Loading your photos…</p>
      <div className="h-28 animate-pulse rounded-xl border-2 border-dashed border-slate-300 bg-white" />
      <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5" aria-hidden="true">
        {Array.from({ length: 10 }, (_, index) => (
          <li key={index} className="flex flex-col overflow-hidden rounded-xl border border-slate-200 bg-white">
            <div className="aspect-square animate-pulse bg-slate-200" />
            <div className="m-3 h-4 w-2/3 animate-pulse rounded bg-slate-200" />
          </li>
        ))}
      </ul>
    </div>
  );
}
