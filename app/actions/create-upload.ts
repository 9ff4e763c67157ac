'use server';

import { createUpload } from '@/lib/images';
import { createUploadInput } from '@/lib/images/schemas';
import { authedAction } from './safe-action';

export const createUploadAction = authedAction
  .inputSchema(createUploadInput)
  .action(async ({ parsedInput, ctx }) => {
    // Not revalidated: its answer carries the new photo, which the uploader hands the grid, instead of the whole page.
    return createUpload(ctx.user.id, parsedInput);
  });
