import { addLinkViews } from '../db';
import { isLikelyBot } from './is-likely-bot';
import { linkCodeInput } from './schemas';

/**
 * Counts one view of a link with an atomic ADD on its item, unless the visitor is an obvious bot.
 * A link revoked meanwhile is not recreated by the count. Returns whether the view was counted.
 */
export async function recordLinkView(code: unknown, userAgent: string | null): Promise<boolean> {
  const parsed = linkCodeInput.safeParse(code);
  if (!parsed.success || isLikelyBot(userAgent)) return false;
  await addLinkViews(parsed.data, 1);
  return true;
}
