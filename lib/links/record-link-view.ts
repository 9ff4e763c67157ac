import { addLinkViews } from '../db';
import { coalesceAdds } from './coalesce-adds';
import { isLikelyBot } from './is-likely-bot';
import { linkCodeInput } from './schemas';

const addView = coalesceAdds((code: string) => code, addLinkViews);

/**
 * Counts one view of a link with an atomic ADD on its item, unless the visitor is an obvious bot.
 * A link revoked meanwhile is not recreated by the count. Views of one link that arrive while its
 * counter is being written are added together in the next write (see coalesceAdds). Returns
 * whether the view was counted.
 */
export async function recordLinkView(code: unknown, userAgent: string | null): Promise<boolean> {
  const parsed = linkCodeInput.safeParse(code);
  if (!parsed.success || isLikelyBot(userAgent)) return false;
  await addView(parsed.data);
  return true;
}
