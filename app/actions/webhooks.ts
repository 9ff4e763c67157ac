'use server';

import { revalidatePath } from 'next/cache';
import { createWebhookEndpoint, createWebhookEndpointInput, deleteWebhookEndpoint, deleteWebhookEndpointInput } from '@/lib/webhooks';
import { authedAction } from './safe-action';

export const createWebhookEndpointAction = authedAction.inputSchema(createWebhookEndpointInput).action(async ({ parsedInput, ctx }) => {
  const made = await createWebhookEndpoint(ctx.user.id, parsedInput);
  revalidatePath('/settings');
  return made;
});

export const deleteWebhookEndpointAction = authedAction.inputSchema(deleteWebhookEndpointInput).action(async ({ parsedInput, ctx }) => {
  await deleteWebhookEndpoint(ctx.user.id, parsedInput);
  revalidatePath('/settings');
});
