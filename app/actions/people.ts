'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { mergePeople, removeFaceFromPerson, renamePerson, setPersonHidden } from '@/lib/people/edit-people';
import { faceRefInput, hidePersonInput, mergePeopleInput, renamePersonInput } from '@/lib/people/schemas';
import { authedAction } from './safe-action';

export const renamePersonAction = authedAction.inputSchema(renamePersonInput).action(async ({ parsedInput, ctx }) => {
  await renamePerson(ctx.user.id, parsedInput);
  revalidatePath('/people', 'layout');
});

export const setPersonHiddenAction = authedAction.inputSchema(hidePersonInput).action(async ({ parsedInput, ctx }) => {
  await setPersonHidden(ctx.user.id, parsedInput);
  revalidatePath('/people', 'layout');
});

export const mergePeopleAction = authedAction.inputSchema(mergePeopleInput).action(async ({ parsedInput, ctx }) => {
  await mergePeople(ctx.user.id, parsedInput);
  revalidatePath('/people', 'layout');
  redirect(`/people/${parsedInput.intoPersonId}`);
});

export const removeFaceFromPersonAction = authedAction.inputSchema(faceRefInput).action(async ({ parsedInput, ctx }) => {
  await removeFaceFromPerson(ctx.user.id, parsedInput);
  revalidatePath('/people', 'layout');
  revalidatePath(`/images/${parsedInput.imageId}`);
});
