import { deleteLinks, listLinksByOwner } from '../db';

/** Ends every share link of a user: each answers "not found" from the next request on. */
export async function revokeEveryLink(userId: string): Promise<void> {
  for (;;) {
    const page = await listLinksByOwner(userId, { limit: 100 });
    if (page.items.length === 0) return;
    await deleteLinks(page.items.map((link) => link.code));
  }
}
