'use server';

import { readImageCards } from '@/lib/images';
import { readImageCardsInput } from '@/lib/images/schemas';
import { authedAction } from './safe-action';

/**
 * The cards live events or uploads named, read again for the grid, instead of the whole page. Several
 * in one request: Next.js runs a page's actions one at a time, and one read for each would fall behind a batch.
 */
export const readImageCardsAction = authedAction
  .inputSchema(readImageCardsInput)
  .action(async ({ parsedInput, ctx }) => readImageCards(ctx.user.id, parsedInput));
