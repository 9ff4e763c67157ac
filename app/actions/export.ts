'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requestExport } from '@/lib/account/request-export';
import { authedAction } from './safe-action';

export const requestExportAction = authedAction.inputSchema(z.object({})).action(async ({ ctx }) => {
  const { exportId } = await requestExport(ctx.user.id);
  revalidatePath('/settings');
  return { exportId };
});
