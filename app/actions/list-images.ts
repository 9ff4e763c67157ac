'use server';

import { listImages, listImagesInput } from '@/lib/images';
import { authedAction } from './safe-action';

/** The next page of the grid, for "Load more". */
export const listImagesAction = authedAction
  .inputSchema(listImagesInput)
  .action(async ({ parsedInput, ctx }) => listImages(ctx.user.id, parsedInput));

