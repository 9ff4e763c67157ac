import { z } from 'zod';

const LIMIT = 'Give limit as a whole number from 1 to 100.';

/** The query of a paged list: the cursor the last page gave, and how many items a page holds. */
export function pageQuery(defaultLimit: number) {
  return z.object({
    cursor: z.string().max(2048, 'Not a cursor from this API.').optional().meta({ description: 'The `nextCursor` of the page before.' }),
    limit: z.coerce.number(LIMIT).int(LIMIT).min(1, LIMIT).max(100, LIMIT).default(defaultLimit),
  });
}

/** A page of items, and where the next one starts. */
export function pageOf<Item extends z.ZodType>(item: Item, id: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.' }) }).meta({ id });
}
