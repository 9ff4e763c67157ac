'use server';

import { revalidatePath } from 'next/cache';
import { deleteImages, deleteImagesInput } from '@/lib/images';
import { authedAction } from './safe-action';

export const deleteImagesAction = authedAction
  .inputSchema(deleteImagesInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await deleteImages(ctx.user.id, parsedInput);
    revalidatePath('/dashboard');
    return result;
  });
