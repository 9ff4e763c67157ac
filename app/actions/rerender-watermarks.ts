'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requestWatermarkRerender } from '@/lib/images/rerender-watermarks-request';
import { authedAction } from './safe-action';

export const rerenderWatermarksAction = authedAction.inputSchema(z.object({})).action(async ({ ctx }) => {
  await requestWatermarkRerender(ctx.user.id);
  revalidatePath('/settings');
});
