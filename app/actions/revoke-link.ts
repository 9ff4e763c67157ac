'use server';

import { revalidatePath } from 'next/cache';
import { revokeLink, revokeLinkInput } from '@/lib/links';
import { UserError } from '@/lib/user-error';
import { authedAction } from './safe-action';

export const revokeLinkAction = authedAction
  .inputSchema(revokeLinkInput)
  .action(async ({ parsedInput, ctx }) => {
    if (!(await revokeLink(ctx.user.id, parsedInput))) throw new UserError('That link was already revoked.');
    revalidatePath('/links');
  });
