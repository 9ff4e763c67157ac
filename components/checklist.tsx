import type { ProfileReport } from '@/lib/profile-check/schemas';

const MARK = { pass: '✓', warn: '!', fail: '✕' } as const;
const STYLE = { pass: 'bg-emerald-100 text-emerald-800', warn: 'bg-amber-100 text-amber-800', fail: 'bg-red-100 text-red-800' } as const;

export function Checklist({ checks }: { checks: ProfileReport['checks'] }) {
  return (
    <ul className="flex flex-col divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" aria-label="Checklist">
      {checks.map((check) => (
        <li key={check.id} className="flex gap-3 p-4" data-testid="check" data-check={check.id} data-status={check.status}>
          <span className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-sm font-bold ${STYLE[check.status]}`} aria-label={check.status}>
            {MARK[check.status]}
          </span>
          <div>
            <p className="font-medium">{check.label}</p>
            {check.status !== 'pass' ? <p className="text-sm text-slate-600">{check.advice}</p> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
