import 'server-only';
import { createSafeActionClient } from 'next-safe-action';
import { ZodError } from 'zod';
import { requireUser, UnauthenticatedError } from '@/adapters/current-user';
import { log } from '@/lib/observability/log';
import { UserError } from '@/lib/user-error';

/** Every server action is built from this client, so errors reach the UI the same way. */
export const actionClient = createSafeActionClient({
  handleServerError(error) {
    if (error instanceof UserError || error instanceof UnauthenticatedError) return error.message;
    if (error instanceof ZodError) return error.issues[0]?.message ?? 'The request is not valid.';
    log.error('Server action failed', { error: String(error), stack: error.stack });
    return 'Something went wrong on our side. Please try again.';
  },
});

/**
 * Actions for signed-in users: anonymous calls are refused, and ctx.user comes from the session, never
 * from input. An account being deleted writes nothing more, whatever token it still holds: the check
 * is the one every page and route handler passes too (adapters/current-user.ts).
 */
export const authedAction = actionClient.use(async ({ next }) => {
  return next({ ctx: { user: await requireUser() } });
});
