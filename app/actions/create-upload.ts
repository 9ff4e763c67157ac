'use server';

import { createUpload } from '@/lib/images';
import { createUploadInput } from '@/lib/images/schemas';
import { authedAction } from './safe-action';

export const createUploadAction = authedAction
  .inputSchema(createUploadInput)
  .action(async ({ parsedInput, ctx }) => createUpload(ctx.user.id, parsedInput));
