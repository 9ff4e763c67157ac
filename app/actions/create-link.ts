'use server';

import { revalidatePath } from 'next/cache';
import { createLink, createLinkInput } from '@/lib/links';
import { authedAction } from './safe-action';

export const createLinkAction = authedAction
  .inputSchema(createLinkInput)
  .action(async ({ parsedInput, ctx }) => {
    const link = await createLink(ctx.user.id, parsedInput);
    revalidatePath('/links');
    return link;
  });
