'use server';

import { revalidatePath } from 'next/cache';
import { createApiToken, createApiTokenInput, revokeApiToken, revokeApiTokenInput } from '@/lib/api-tokens';
import { authedAction } from './safe-action';

export const createApiTokenAction = authedAction.inputSchema(createApiTokenInput).action(async ({ parsedInput, ctx }) => {
  const made = await createApiToken(ctx.user.id, parsedInput);
  revalidatePath('/settings');
  return made;
});

export const revokeApiTokenAction = authedAction.inputSchema(revokeApiTokenInput).action(async ({ parsedInput, ctx }) => {
  await revokeApiToken(ctx.user.id, parsedInput);
  revalidatePath('/settings');
});
