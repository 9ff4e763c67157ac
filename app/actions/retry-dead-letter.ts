'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { redriveOwnDeadLetter } from '@/lib/events/redrive-dead-letter';
import { UserError } from '@/lib/user-error';
import { authedAction } from './safe-action';

export const retryDeadLetterAction = authedAction
  .inputSchema(z.object({ deadLetterId: z.string().min(1).max(64) }))
  .action(async ({ parsedInput, ctx }) => {
    if (!(await redriveOwnDeadLetter(ctx.user.id, parsedInput.deadLetterId))) throw new UserError('That event was already retried.');
    revalidatePath('/dashboard');
  });
