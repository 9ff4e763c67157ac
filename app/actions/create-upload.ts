'use server';

import { revalidatePath } from 'next/cache';
import { createUpload } from '@/lib/images';
import { createUploadInput } from '@/lib/images/schemas';
import { authedAction } from './safe-action';

export const createUploadAction = authedAction
  .inputSchema(createUploadInput)
  .action(async ({ parsedInput, ctx }) => {
    const upload = await createUpload(ctx.user.id, parsedInput);
    // The answer carries the dashboard with the new card on it, so the grid shows the upload at once.
    revalidatePath('/dashboard');
    return upload;
  });
