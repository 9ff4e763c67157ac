import type { Verdict } from '@/lib/profile-check/verdict';

const RADIUS = 52;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/*
 * The score as a ring that fills and changes colour with it. Colours are classes of the palette, so
 * that the dark scheme turns them around like the rest of the page; the number is HTML over the
 * ring rather than SVG text, which axe does not check for contrast.
 */
const LOOK: Record<Verdict, { ring: string; says: string }> = {
  ready: { ring: 'text-green-600', says: 'Ready for LinkedIn' },
  fixable: { ring: 'text-amber-600', says: 'Good, with fixes' },
  retake: { ring: 'text-red-600', says: 'Needs another photo' },
};

export function ScoreDial({ score, verdict }: { score: number; verdict: Verdict }) {
  const { ring, says } = LOOK[verdict];
  return (
    <div className="flex items-center gap-4" data-testid="score">
      <div className="relative size-32 shrink-0" role="img" aria-label={`Score ${score} out of 100`}>
        <svg width="128" height="128" viewBox="0 0 128 128" aria-hidden="true" className="-rotate-90">
          <circle cx="64" cy="64" r={RADIUS} fill="none" stroke="currentColor" strokeWidth="12" className="text-slate-200" />
          <circle
            cx="64"
            cy="64"
            r={RADIUS}
            fill="none"
            stroke="currentColor"
            strokeWidth="12"
            strokeLinecap="round"
            strokeDasharray={CIRCUMFERENCE}
            strokeDashoffset={CIRCUMFERENCE * (1 - score / 100)}
            className={ring}
          />
        </svg>
        {/* On a disc of its own: axe cannot tell the contrast of text over a picture, and the ring is one. */}
        <span className="absolute inset-[18px] flex items-center justify-center rounded-full bg-white text-3xl font-semibold text-slate-900 tabular-nums">{score}</span>
      </div>
      <div>
        <p className="text-lg font-semibold">{says}</p>
        <p className="text-sm text-slate-500">out of 100</p>
      </div>
    </div>
  );
}
