import { getDb } from './client';
import { conditionally } from './conditions';
import type { PersonItem } from './entities/person';

export type PersonKey = { userId: string; personId: string };

/** Records a new person; throws when the id is taken (it is a create). */
export async function insertPerson(person: Pick<PersonItem, 'userId' | 'personId' | 'faceCount' | 'coverFaceId' | 'coverImageId'>): Promise<void> {
  await getDb().entities.person.create(person).go({ response: 'none' });
}

/** One of the user's people; null when they are gone. */
export async function findPerson(key: PersonKey): Promise<PersonItem | null> {
  const { data } = await getDb().entities.person.get(key).go();
  return data;
}

/** All of a user's people at once, hidden ones included, in id order. */
export async function listPeople(userId: string): Promise<PersonItem[]> {
  const { data } = await getDb().entities.person.query.byUser({ userId }).go({ pages: 'all' });
  return data;
}

/** Changes what the owner says of a person, or what the grouping keeps of them; false when they are gone. */
export async function updatePerson(key: PersonKey, changes: Partial<Pick<PersonItem, 'name' | 'hidden' | 'faceCount' | 'coverFaceId' | 'coverImageId'>>): Promise<boolean> {
  return conditionally(getDb().entities.person.patch(key).set(changes).go({ response: 'none' }));
}

/** Takes a person's name off; false when they are gone. */
export async function removePersonName(key: PersonKey): Promise<boolean> {
  return conditionally(getDb().entities.person.patch(key).remove(['name']).go({ response: 'none' }));
}

/** Forgets a person, whose faces must have been moved or deleted first: it does not touch them. */
export async function deletePerson(key: PersonKey): Promise<void> {
  await getDb().entities.person.delete(key).go();
}
