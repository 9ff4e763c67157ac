'use server';

import { revalidatePath } from 'next/cache';
import { cancelUpload, cancelUploadInput } from '@/lib/images';
import { UserError } from '@/lib/user-error';
import { authedAction } from './safe-action';

export const cancelUploadAction = authedAction
  .inputSchema(cancelUploadInput)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await cancelUpload(ctx.user.id, parsedInput);
    if (outcome === 'missing') throw new UserError('That upload does not exist.');
    revalidatePath('/dashboard');
    return { outcome };
  });
