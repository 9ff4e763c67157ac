import { getDb } from './client';
import { conditionally } from './conditions';

/** The slot counters (lib/db/entities/slot-counter.ts): one entity each, all of one shape. */
type SlotCounterName = 'apiTokenSlots' | 'webhookEndpointSlots';

// Every counter is made by slotCounter, so one's query builder serves for all.
const counter = (name: SlotCounterName) => getDb().entities[name] as ReturnType<typeof getDb>['entities']['apiTokenSlots'];

/** Takes one of the user's `limit` slots, in one conditional update; false when all are taken. */
export async function reserveSlot(name: SlotCounterName, userId: string, limit: number): Promise<boolean> {
  return conditionally(
    counter(name)
      .update({ userId })
      .add({ used: 1 })
      .where(({ used }, { notExists, lt }) => `${notExists(used)} OR ${lt(used, limit)}`)
      .go({ response: 'none' }),
  );
}

/** Gives a slot back; never below zero, and nothing once the account's items are gone. */
export async function releaseSlot(name: SlotCounterName, userId: string): Promise<void> {
  await conditionally(
    counter(name)
      .patch({ userId })
      .subtract({ used: 1 })
      .where(({ used }, { gt }) => gt(used, 0))
      .go({ response: 'none' }),
  );
}
