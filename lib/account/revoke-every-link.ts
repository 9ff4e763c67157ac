import { deleteLinks, listLinksByOwner } from '../db';

/** Ends every share link of a user: each answers "not found" from the next request on. Answers how many it ended. */
export async function revokeEveryLink(userId: string): Promise<number> {
  let revoked = 0;
  for (;;) {
    const page = await listLinksByOwner(userId, { limit: 100 });
    if (page.items.length === 0) return revoked;
    await deleteLinks(page.items.map((link) => link.code));
    revoked += page.items.length;
  }
}
