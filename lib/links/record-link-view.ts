import { addLinkViews, findLinkByCode } from '../db';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';
import { coalesceAdds } from './coalesce-adds';
import { isLikelyBot } from './is-likely-bot';
import { linkCodeInput } from './schemas';

const addView = coalesceAdds((code: string) => code, addLinkViews);

/**
 * Counts one view of a link with an atomic ADD on its item, unless the visitor is an obvious bot.
 * A link revoked meanwhile is not recreated by the count. Views of one link that arrive while its
 * counter is being written are added together in the next write (see coalesceAdds). A counted view
 * is its owner's link.viewed webhook event. Returns whether the view was counted.
 */
export async function recordLinkView(code: unknown, userAgent: string | null): Promise<boolean> {
  const parsed = linkCodeInput.safeParse(code);
  if (!parsed.success || isLikelyBot(userAgent)) return false;
  await addView(parsed.data);
  // Its owner's link.viewed, for counted views only: a link preview's fetch is no view.
  const link = await findLinkByCode(parsed.data);
  if (link) await emitWebhookEvent(link.userId, { type: 'link.viewed', data: { code: link.code, imageId: link.imageId } });
  return true;
}
