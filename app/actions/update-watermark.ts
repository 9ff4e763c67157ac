'use server';

import { revalidatePath } from 'next/cache';
import { updateWatermarkSettings } from '@/lib/images';
import { WatermarkSettingsSchema } from '@/lib/images/transform/schemas';
import { authedAction } from './safe-action';

export const updateWatermarkAction = authedAction.inputSchema(WatermarkSettingsSchema).action(async ({ parsedInput, ctx }) => {
  await updateWatermarkSettings(ctx.user.id, parsedInput);
  revalidatePath('/settings');
});
