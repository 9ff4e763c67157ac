'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { deleteImage } from '@/lib/images';
import { imageIdInput } from '@/lib/images/schemas';
import { UserError } from '@/lib/user-error';
import { authedAction } from './safe-action';

export const deleteImageAction = authedAction
  .inputSchema(z.object({ imageId: imageIdInput }))
  .action(async ({ parsedInput, ctx }) => {
    if (!(await deleteImage(ctx.user.id, parsedInput.imageId))) throw new UserError('That image does not exist.');
    revalidatePath('/dashboard');
    redirect('/dashboard');
  });
