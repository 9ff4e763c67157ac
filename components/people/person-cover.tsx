const SIZES = {
  sm: 'h-10 w-10',
  md: 'h-24 w-24',
  lg: 'h-28 w-28 sm:h-32 sm:w-32',
} as const;

/**
 * A person's round face. Decorative: their name is always written next to it. People whose cover
 * face has no thumbnail get a silhouette.
 */
export function PersonCover({ url, size }: { url: string | null; size: keyof typeof SIZES }) {
  if (url) {
    // eslint-disable-next-line @next/next/no-img-element -- a presigned face thumbnail, already sized
    return <img src={url} alt="" className={`${SIZES[size]} shrink-0 rounded-full bg-slate-200 object-cover`} />;
  }
  return (
    <span aria-hidden="true" className={`${SIZES[size]} flex shrink-0 items-center justify-center overflow-hidden rounded-full bg-slate-200 text-slate-500`}>
      <svg viewBox="0 0 24 24" className="h-3/5 w-3/5" fill="currentColor">
        <circle cx="12" cy="8" r="4.5" />
        <path d="M3 22c0-5 4-8.5 9-8.5s9 3.5 9 8.5z" />
      </svg>
    </span>
  );
}
