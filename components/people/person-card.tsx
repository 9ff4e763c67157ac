import Link from 'next/link';
import type { PersonSummary } from '@/lib/people';
import { HidePersonButton } from './hide-person-button';
import { PersonCover } from './person-cover';
import { photoCountLabel } from './photo-count';

/** One person on the People page; hidden people get their Show button right there. */
export function PersonCard({ person }: { person: PersonSummary }) {
  return (
    <li
      data-testid="person-card"
      data-person-id={person.personId}
      className="flex flex-col items-center gap-3 rounded-xl border border-slate-200 bg-white p-4 text-center shadow-sm"
    >
      <Link href={`/people/${person.personId}`} className="group flex w-full flex-col items-center gap-2 rounded-md">
        <PersonCover url={person.coverUrl} size="md" />
        <span className={`max-w-full truncate text-sm font-medium group-hover:underline ${person.name ? '' : 'text-slate-500 italic'}`}>{person.name ?? 'Unnamed'}</span>
        <span className="sr-only">, </span>
        <span className="text-xs text-slate-500">{photoCountLabel(person.photoCount)}</span>
      </Link>
      {person.hidden ? <HidePersonButton personId={person.personId} personName={person.name} hidden /> : null}
    </li>
  );
}
