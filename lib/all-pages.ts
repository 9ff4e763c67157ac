/**
 * One page of a list read by cursor, in the shape lib/db's list functions return; a missing or null
 * cursor marks the last page. S3 listings and raw DynamoDB reads map their own names onto it.
 */
export interface CursorPage<T, C> {
  items: T[];
  cursor?: C | null;
}

/**
 * Reads a cursor-paged list to its end and hands on each page's items as they arrive, so a caller can
 * work in page-sized batches, and breaking out of the loop reads no further page. A page with no items
 * but a cursor (a filtered Scan returns those) is read past, not handed on. The cursor is a string
 * unless the reader's parameter says otherwise: TypeScript cannot infer it from what the reader returns.
 */
export async function* allPages<T, C = string>(read: (cursor: C | undefined) => Promise<CursorPage<T, C>>): AsyncGenerator<T[], void, undefined> {
  let cursor: C | undefined;
  do {
    const page = await read(cursor);
    if (page.items.length > 0) yield page.items;
    cursor = page.cursor ?? undefined;
  } while (cursor);
}

/** Every item of a cursor-paged list, in order, read into memory at once. */
export async function allItems<T, C = string>(read: (cursor: C | undefined) => Promise<CursorPage<T, C>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of allPages(read)) items.push(...page);
  return items;
}
