'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { redriveOwnDeadLetter } from '@/lib/jobs';
import { UserError } from '@/lib/user-error';
import { authedAction } from './safe-action';

export const retryDeadLetterAction = authedAction
  .inputSchema(z.object({ deadLetterId: z.string().min(1).max(100) }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await redriveOwnDeadLetter(ctx.user.id, parsedInput.deadLetterId);
    if (!result) throw new UserError('That was already retried.');
    revalidatePath('/dashboard');
    if (result === 'never-arrived') throw new UserError('The photo is no longer there to retry. Please upload it again.');
  });
