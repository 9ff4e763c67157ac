'use server';

import { revalidatePath } from 'next/cache';
import { requestReadyPhoto } from '@/lib/linkedin-ready/request-ready-photo';
import { requestReadyPhotoInput } from '@/lib/linkedin-ready/schemas';
import { authedAction } from './safe-action';

export const requestReadyPhotoAction = authedAction.inputSchema(requestReadyPhotoInput).action(async ({ parsedInput, ctx }) => {
  await requestReadyPhoto(ctx.user.id, parsedInput);
  revalidatePath(`/images/${parsedInput.imageId}/analysis`);
});
