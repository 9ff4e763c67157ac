'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { imageIdInput } from '@/lib/images/schemas';
import { saveReadyPhoto } from '@/lib/linkedin-ready/save-ready-photo';
import { authedAction } from './safe-action';

export const saveReadyPhotoAction = authedAction.inputSchema(z.object({ imageId: imageIdInput })).action(async ({ parsedInput, ctx }) => {
  const saved = await saveReadyPhoto(ctx.user.id, parsedInput.imageId);
  revalidatePath(`/images/${parsedInput.imageId}/analysis`);
  return saved;
});
