'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestProfileAnalysis } from '@/lib/profile-check/request-profile-analysis';
import { imageIdInput } from '@/lib/images/schemas';
import { authedAction } from './safe-action';

export const requestAnalysisAction = authedAction
  .inputSchema(z.object({ imageId: imageIdInput }))
  .action(async ({ parsedInput, ctx }) => {
    await requestProfileAnalysis(ctx.user.id, parsedInput.imageId);
    revalidatePath(`/images/${parsedInput.imageId}/analysis`);
    redirect(`/images/${parsedInput.imageId}/analysis`);
  });
