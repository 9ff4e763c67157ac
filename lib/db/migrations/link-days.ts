import { Entity } from 'electrodb';
import { allPages } from '../../all-pages';
import { documentClient } from '../../aws/clients';
import { resources } from '../../aws/resources';
import { addToLinkDay } from '../link-days';
import { table } from '../table';

/*
 * The first link analytics kept one item per link, day and counter; a view wrote six of them. Now one
 * item per link and day holds every counter (entities/link-day.ts). This folds each old counter into
 * its day's item and deletes it; running it again finds nothing. A run stopped between the two writes
 * of one counter counts that counter twice when run again: a view too many, never one lost.
 */

/** The per-counter item as it was written. */
export function legacyLinkCounters() {
  return new Entity(
    {
      model: { entity: 'linkDailyCount', version: '1', service: 'headshot' },
      attributes: {
        userId: { type: 'string', required: true },
        code: { type: 'string', required: true },
        day: { type: 'string', required: true },
        metric: { type: 'string', required: true },
        count: { type: 'number' },
        expiresAt: { type: 'number' },
      },
      indexes: {
        byLinkDay: {
          pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
          sk: { field: table.sortKey, composite: ['code', 'day', 'metric'], casing: 'none' },
        },
      },
    },
    { client: documentClient(), table: resources.tableName },
  );
}

/** Folds every per-counter item into its link's day; answers how many there were. */
export async function foldLinkCounters(): Promise<number> {
  const legacy = legacyLinkCounters();
  let folded = 0;
  for await (const items of allPages(async (cursor) => {
    const page = await legacy.scan.go({ cursor: cursor ?? null, limit: 200 });
    return { items: page.data, cursor: page.cursor };
  })) {
    for (const { userId, code, day, metric, count = 0, expiresAt } of items) {
      if (expiresAt !== undefined) await addToLinkDay({ userId, code, day }, { [metric]: count }, expiresAt);
      await legacy.delete({ userId, code, day, metric }).go();
      folded += 1;
    }
  }
  return folded;
}
