import { findPerson, getFaces, listPeople as listPersonItems, type PersonItem } from '../db';
import { mediaLink, type MediaLinks } from '../storage';
import { UserError } from '../user-error';
import { personIdInput, type PersonSummary } from './schemas';

/** The owner's people, most photos first, named before unnamed at equal counts; hidden ones only when asked for. Covers link to the site's /media/ paths, or presigned URLs for the API. */
export async function listPeople(userId: string, options: { hidden: boolean; links?: MediaLinks } = { hidden: false }): Promise<PersonSummary[]> {
  const people = (await listPersonItems(userId)).filter((person) => person.hidden === options.hidden);
  people.sort((a, b) => b.faceCount - a.faceCount || Number(Boolean(b.name)) - Number(Boolean(a.name)) || a.createdAt - b.createdAt);
  return summarize(userId, people, options.links ?? 'site');
}

/** One of the owner's people; a UserError when there is no such person. */
export async function getPerson(userId: string, personId: unknown): Promise<PersonSummary> {
  const person = await findPerson({ userId, personId: personIdInput.parse(personId) });
  if (!person) throw new UserError('That person does not exist.');
  return (await summarize(userId, [person], 'site'))[0]!;
}

async function summarize(userId: string, people: PersonItem[], links: MediaLinks): Promise<PersonSummary[]> {
  const covers = await getFaces(people.flatMap((p) => (p.coverFaceId && p.coverImageId ? [{ userId, imageId: p.coverImageId, faceId: p.coverFaceId }] : [])));
  const coverKeys = new Map(covers.map((face) => [face.faceId, face.thumbnailKey]));
  return Promise.all(
    people.map(async (person) => {
      const thumbnail = person.coverFaceId ? coverKeys.get(person.coverFaceId) : undefined;
      return {
        personId: person.personId,
        name: person.name ?? null,
        hidden: person.hidden,
        photoCount: person.faceCount,
        coverUrl: thumbnail ? await mediaLink(thumbnail, links) : null,
      };
    }),
  );
}
