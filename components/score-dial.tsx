/** The score as a ring that fills and changes colour with it. */
export function ScoreDial({ score }: { score: number }) {
  const radius = 52;
  const circumference = 2 * Math.PI * radius;
  const colour = score >= 80 ? '#16a34a' : score >= 55 ? '#d97706' : '#dc2626';
  const verdict = score >= 80 ? 'Ready for LinkedIn' : score >= 55 ? 'Good, with fixes' : 'Needs another photo';
  return (
    <div className="flex items-center gap-4" data-testid="score">
      <svg width="128" height="128" viewBox="0 0 128 128" role="img" aria-label={`Score ${score} out of 100`}>
        <circle cx="64" cy="64" r={radius} fill="none" stroke="#e2e8f0" strokeWidth="12" />
        <circle
          cx="64"
          cy="64"
          r={radius}
          fill="none"
          stroke={colour}
          strokeWidth="12"
          strokeLinecap="round"
          strokeDasharray={circumference}
          strokeDashoffset={circumference * (1 - score / 100)}
          transform="rotate(-90 64 64)"
        />
        <text x="64" y="72" textAnchor="middle" fontSize="30" fontWeight="600" fill="#0f172a">
          {score}
        </text>
      </svg>
      <div>
        <p className="text-lg font-semibold">{verdict}</p>
        <p className="text-sm text-slate-500">out of 100</p>
      </div>
    </div>
  );
}
