import { deleteLinks, listLinksByOwner } from '../db';
import type { JobSubject } from '../jobs/job-kind';
import { forgetSharedFiles } from '../links/forget-shared-files';

/**
 * Ends every share link of a user: each answers "not found" from the next request on. Then the CDN
 * is asked to forget all their files at once: one invalidation for up to 250 links (1,000 paths),
 * rather than one per page. Answers how many it ended, and the invalidations it asked for, which
 * the account's deletion leaves to finish.
 */
export async function revokeEveryLink(userId: string): Promise<{ revoked: number; invalidations: JobSubject[] }> {
  const links: { code: string; members?: { n: number }[] }[] = [];
  for (;;) {
    const page = await listLinksByOwner(userId, { limit: 100 });
    if (page.items.length === 0) break;
    await deleteLinks(page.items.map((link) => link.code));
    links.push(...page.items.map(({ code, members }) => ({ code, members })));
  }
  return { revoked: links.length, invalidations: await forgetSharedFiles(userId, links) };
}
