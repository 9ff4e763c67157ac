import { getDb } from './client';
import { conditionally } from './conditions';

/** Counts one more change to the set of a user's faces, for searches holding them in memory; answers the new count. */
export async function touchFaceLibrary(userId: string): Promise<number> {
  const { data } = await getDb().entities.faceLibrary.update({ userId }).add({ version: 1 }).go({ response: 'updated_new' });
  return data.version ?? 0;
}

/** How many times the set of the user's faces changed (0 before the first face). */
export async function faceLibraryVersion(userId: string): Promise<number> {
  const { data } = await getDb().entities.faceLibrary.get({ userId }).go();
  return data?.version ?? 0;
}

/** Takes the lease on grouping the user's faces, for one run until `until`; false while another run holds it. */
export async function claimGrouping(userId: string, holder: string, now: number, until: number): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.faceLibrary.update({ userId })
      .set({ groupingBy: holder, groupingUntil: until })
      .where(({ groupingUntil }, { notExists, lt }) => `${notExists(groupingUntil)} OR ${lt(groupingUntil, now)}`)
      .go({ response: 'none' }),
  );
}

/** Gives the lease back, if this run still holds it; otherwise nothing. */
export async function releaseGrouping(userId: string, holder: string): Promise<void> {
  await conditionally(
    getDb()
      .entities.faceLibrary.update({ userId })
      .remove(['groupingBy', 'groupingUntil'])
      .where(({ groupingBy }, { eq }) => eq(groupingBy, holder))
      .go({ response: 'none' }),
  );
}

/** Removes the item that counts a user's face changes and holds their grouping lease: for an account whose faces all go. */
export async function deleteFaceLibrary(userId: string): Promise<void> {
  await getDb().entities.faceLibrary.delete({ userId }).go({ response: 'none' });
}
