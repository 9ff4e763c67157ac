import { createConversions, type Entity, type Schema } from 'electrodb';
import { z } from 'zod';

/**
 * A cursor as it arrives from outside (a page's query string, an action's input): anything but one
 * string of a sane length is no cursor at all, and the list starts at its first page. Whether the
 * string is a cursor of the list it is handed to is for `checkedCursor` to say.
 */
export const cursorInput = z.string().max(2048).nullish().catch(null);

/**
 * The cursor a list reads from, when one came back from outside: it is used only when it decodes to
 * a key of that access pattern within the very partition (and key prefix) the query reads, and it is
 * then encoded again from those parts. Anything else (garbled, cut short, edited, another list's or
 * another user's) is null: the first page, since a stale or mistyped "next page" address is a
 * person's mistake, and DynamoDB would refuse such a start key with an error.
 */
export function checkedCursor<A extends string, F extends string, C extends string, S extends Schema<A, F, C>>(
  entity: Entity<A, F, C, S>,
  accessPattern: keyof S['indexes'],
  query: Partial<Record<A, unknown>>,
  cursor: string | null | undefined,
): string | null {
  if (!cursor) return null;
  const conversion = createConversions(entity).byAccessPattern[accessPattern];
  try {
    const composite: Record<string, unknown> = conversion.fromCursor.toComposite(cursor);
    if (!Object.entries(query).every(([name, value]) => composite[name] === value)) return null;
    return conversion.fromComposite.toCursor(composite as never);
  } catch {
    return null;
  }
}
