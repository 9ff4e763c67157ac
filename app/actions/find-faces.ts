'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requestOwnFaceIndex } from '@/lib/people/request-face-index';
import { imageIdInput } from '@/lib/images/schemas';
import { authedAction } from './safe-action';

export const findFacesAction = authedAction
  .inputSchema(z.object({ imageId: imageIdInput }))
  .action(async ({ parsedInput, ctx }) => {
    await requestOwnFaceIndex(ctx.user.id, parsedInput.imageId);
    revalidatePath(`/images/${parsedInput.imageId}`);
  });
