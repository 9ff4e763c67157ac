'use server';

import { changePassword, changePasswordInput } from '@/lib/auth';
import { UserError } from '@/lib/user-error';
import { authedAction } from './safe-action';

export const changePasswordAction = authedAction.inputSchema(changePasswordInput).action(async ({ parsedInput, ctx }) => {
  const { id, email, sessionId } = ctx.user;
  if (!sessionId || !email) throw new UserError('Your password is managed by your sign-in provider.');
  return changePassword({ userId: id, email, sessionId }, parsedInput);
});
