import { listLinksByOwner, type Page } from '../db';
import { listLinksInput, type Link } from './schemas';
import { isPastRetention, toLink } from './to-link';

// The owner's links, newest first, with their views and where each stands at `now`: revoked and expired ones too, until their retention runs out.
export async function listLinks(userId: string, input: unknown = {}, options: { now?: number } = {}): Promise<Page<Link>> {
  const { cursor, limit } = listLinksInput.parse(input);
  const now = options.now ?? Date.now();
  const page = await listLinksByOwner(userId, { cursor, limit });
  return {
    // An item past its TTL that DynamoDB has not deleted yet is gone for the owner too.
    items: page.items.filter((item) => !isPastRetention(item, now)).map((item) => toLink(item, now)),
    cursor: page.cursor,
  };
}
