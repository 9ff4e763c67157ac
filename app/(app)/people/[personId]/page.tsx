import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ZodError } from 'zod';
import { HidePersonButton } from '@/components/people/hide-person-button';
import { MergePersonForm } from '@/components/people/merge-person-form';
import { NotThisPersonButton } from '@/components/people/not-this-person-button';
import { PersonCover } from '@/components/people/person-cover';
import { photoCountLabel } from '@/components/people/photo-count';
import { RenamePersonForm } from '@/components/people/rename-person-form';
import { pageUser } from '@/adapters/current-user';
import { getPerson, listPeople, listPersonPhotos, type PersonPhoto } from '@/lib/people';
import { UserError } from '@/lib/user-error';

/** The person, or null when the signed-in user has no such person (a malformed id included). */
const loadPerson = cache(async (personId: string) => {
  const user = await pageUser();
  try {
    return await getPerson(user.id, personId);
  } catch (error) {
    if (error instanceof UserError || error instanceof ZodError) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ personId: string }> }) {
  const person = await loadPerson((await params).personId);
  return { title: person?.name ?? 'Person' };
}

export default async function PersonPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const user = await pageUser();
  const person = await loadPerson((await params).personId);
  if (!person) notFound();
  const { cursor } = await searchParams;
  // Merging into a hidden person would hide these photos too, so only people on the People page are offered.
  const [photos, people] = await Promise.all([listPersonPhotos(user.id, person.personId, cursor), listPeople(user.id, { hidden: false })]);
  const others = people.filter((other) => other.personId !== person.personId);

  return (
    <div className="flex flex-col gap-8">
      <Link href={person.hidden ? '/people?hidden=1' : '/people'} className="self-start text-sm text-link underline">
        ← {person.hidden ? 'Hidden people' : 'People'}
      </Link>
      <div className="flex flex-col gap-6 sm:flex-row sm:items-start">
        <PersonCover url={person.coverUrl} size="lg" />
        <div className="flex min-w-0 flex-1 flex-col gap-5">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="flex min-w-0 flex-col gap-1">
              <h1 className={`text-2xl font-semibold break-words ${person.name ? '' : 'text-slate-500 italic'}`}>{person.name ?? 'Unnamed person'}</h1>
              <p className="text-sm text-slate-600">
                {photoCountLabel(person.photoCount)}
                {person.hidden ? ' · hidden from the People page' : ''}
              </p>
            </div>
            <HidePersonButton personId={person.personId} personName={person.name} hidden={person.hidden} />
          </div>
          <RenamePersonForm key={person.name ?? ''} personId={person.personId} name={person.name} />
          <MergePersonForm person={person} others={others} />
        </div>
      </div>
      <PersonPhotos personId={person.personId} photos={photos.items} nextCursor={photos.cursor} paged={Boolean(cursor)} lastPhoto={person.photoCount <= 1} />
    </div>
  );
}

function PersonPhotos({ personId, photos, nextCursor, paged, lastPhoto }: { personId: string; photos: PersonPhoto[]; nextCursor: string | null; paged: boolean; lastPhoto: boolean }) {
  return (
    <section aria-labelledby="person-photos-heading" className="flex flex-col gap-4">
      <h2 id="person-photos-heading" className="text-lg font-semibold">
        Photos
      </h2>
      {photos.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center text-slate-500">No photos to show here.</p>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Photos of this person">
          {photos.map(({ faceId, image }) => (
            <li key={faceId} data-testid="person-photo" data-image-id={image.imageId} className="flex flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
              <Link href={`/images/${image.imageId}`} className="group block">
                <div className="aspect-square" style={{ backgroundColor: image.placeholder ?? '#e2e8f0' }}>
                  {image.thumbnailUrl ? (
                    // eslint-disable-next-line @next/next/no-img-element -- presigned S3 URLs are already sized variants
                    <img src={image.thumbnailUrl} alt="" loading="lazy" className="h-full w-full object-cover" />
                  ) : null}
                </div>
                <span className="block truncate px-3 pt-3 text-sm font-medium group-hover:underline">{image.fileName}</span>
              </Link>
              <div className="px-3 pt-2 pb-3">
                <NotThisPersonButton imageId={image.imageId} faceId={faceId} fileName={image.fileName} lastPhoto={lastPhoto} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap justify-center gap-6 text-sm">
        {paged ? (
          <Link href={`/people/${personId}`} className="text-link underline">
            ← First photos
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={`/people/${personId}?cursor=${encodeURIComponent(nextCursor)}`} className="text-link underline" data-testid="more-photos">
            More photos
          </Link>
        ) : null}
      </div>
    </section>
  );
}
