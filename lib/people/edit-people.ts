import { findPerson, getFaces, listFacesOfPerson, removePersonName, setFacePerson, updatePerson } from '../db';
import { UserError } from '../user-error';
import { refreshPerson } from './refresh-person';
import { faceRefInput, hidePersonInput, mergePeopleInput, renamePersonInput } from './schemas';

const NO_SUCH_PERSON = 'That person does not exist.';

/** Names one of the owner's people; an empty name takes the name off. */
export async function renamePerson(userId: string, input: unknown): Promise<void> {
  const { personId, name } = renamePersonInput.parse(input);
  const key = { userId, personId };
  const done = name === '' ? await removePersonName(key) : await updatePerson(key, { name });
  if (!done) throw new UserError(NO_SUCH_PERSON);
}

/** Hides a person from the People page, or shows them again. Their faces stay theirs. */
export async function setPersonHidden(userId: string, input: unknown): Promise<void> {
  const { personId, hidden } = hidePersonInput.parse(input);
  if (!(await updatePerson({ userId, personId }, { hidden }))) throw new UserError(NO_SUCH_PERSON);
}

/**
 * Moves every face of one person into another, who keeps their name (or takes the merged one's when
 * they had none); the merged person goes. Safe to repeat after a failure halfway.
 */
export async function mergePeople(userId: string, input: unknown): Promise<void> {
  const { personId, intoPersonId } = mergePeopleInput.parse(input);
  const [from, into] = await Promise.all([findPerson({ userId, personId }), findPerson({ userId, personId: intoPersonId })]);
  if (!from || !into) throw new UserError(NO_SUCH_PERSON);
  if (!into.name && from.name) await updatePerson({ userId, personId: intoPersonId }, { name: from.name });
  for (;;) {
    // Moved faces leave the index being read, so each page is read from the top.
    const page = await listFacesOfPerson(userId, personId, { cursor: null, limit: 100 });
    if (page.items.length === 0) break;
    for (const face of page.items) await setFacePerson(face, { personId: intoPersonId });
  }
  await refreshPerson({ userId, personId: intoPersonId });
  await refreshPerson({ userId, personId });
}

/** Takes a wrongly grouped face out of its person; grouping leaves it alone from then on. */
export async function removeFaceFromPerson(userId: string, input: unknown): Promise<void> {
  const { imageId, faceId } = faceRefInput.parse(input);
  const [face] = await getFaces([{ userId, imageId, faceId }]);
  if (!face) throw new UserError('That face does not exist.');
  if (!face.personId) return;
  await setFacePerson(face, { detached: true });
  await refreshPerson({ userId, personId: face.personId });
}
