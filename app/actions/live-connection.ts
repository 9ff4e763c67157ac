'use server';

import { liveConnectionFor } from '@/lib/realtime';
import { authedAction } from './safe-action';

/** Where the signed-in user's browser opens its live-updates connection, with a fresh token for it. */
export const liveConnectionAction = authedAction.action(({ ctx }) => liveConnectionFor(ctx.user));
