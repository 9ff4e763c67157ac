import Link from 'next/link';
import { PersonCard } from '@/components/people/person-card';
import { PhotoSearchForm } from '@/components/people/photo-search-form';
import { pageUser } from '@/adapters/current-user';
import { listPeople, MIN_FACES_PER_PERSON, type PersonSummary } from '@/lib/people';

export const metadata = { title: 'People' };

export default async function PeoplePage({ searchParams }: { searchParams: Promise<{ hidden?: string }> }) {
  const user = await pageUser();
  const showHidden = (await searchParams).hidden === '1';
  const people = await listPeople(user.id, { hidden: showHidden });

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-semibold">{showHidden ? 'Hidden people' : 'People'}</h1>
          <p className="text-sm text-slate-600">
            {showHidden ? 'People you took off the People page. Their photos are untouched.' : 'The people in your photos, most photos first.'}
          </p>
        </div>
        <Link href={showHidden ? '/people' : '/people?hidden=1'} className="text-sm text-link underline" data-testid="hidden-people-toggle">
          {showHidden ? '← People' : 'Hidden people'}
        </Link>
      </div>
      {showHidden ? null : <PhotoSearchForm />}
      {people.length > 0 ? <PeopleGrid people={people} /> : showHidden ? <NoHiddenPeople /> : <NoPeopleYet />}
    </div>
  );
}

function PeopleGrid({ people }: { people: PersonSummary[] }) {
  return (
    <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-6" aria-label="People">
      {people.map((person) => (
        <PersonCard key={person.personId} person={person} />
      ))}
    </ul>
  );
}

function NoPeopleYet() {
  return (
    <div className="flex flex-col gap-2 rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center text-slate-500" data-testid="people-empty">
      <p className="font-medium text-slate-700">No people yet.</p>
      <p>Someone appears here once their face has been seen in at least {MIN_FACES_PER_PERSON} of your photos.</p>
      <p>
        Until then, open any{' '}
        <Link href="/dashboard" className="text-link underline">
          photo
        </Link>{' '}
        and click a face on it to find the other photos of that person.
      </p>
    </div>
  );
}

function NoHiddenPeople() {
  return (
    <p className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center text-slate-500" data-testid="people-empty">
      No hidden people. Hide someone from their page to keep them off the People page.
    </p>
  );
}
