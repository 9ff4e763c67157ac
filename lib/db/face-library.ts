import { nanoid } from 'nanoid';
import { getDb } from './client';
import { conditionally } from './conditions';

/** Where a user's face library stands: what a face index snapshot taken at some version needs to catch up. */
export interface FaceLibraryState {
  /** How many times the set of the user's faces changed (0 before the first face). */
  version: number;
  /** This life of the library (lib/db/entities/face-library.ts); null until its changes are first tracked. */
  generation: string | null;
  /**
   * The photos whose faces changed after version `since`, one per version up to `version`; null when
   * the changes before `version` are not all accounted for (an item written before they were tracked).
   */
  changes: { since: number; imageIds: string[] } | null;
}

/**
 * Changes tracked at most. Past this the list starts again from the current version, and every index
 * snapshot older than that is rebuilt: the item stays far under DynamoDB's 400 KB, and a reader never
 * has more photos to catch up on than this.
 */
const MAX_TRACKED_CHANGES = 2_000;
/** Conditional writes lost to another run before giving up; each lost one means that run moved the version. */
const MAX_ATTEMPTS = 30;

/** The user's face library as it is now, read consistently: a reader must see every change made before it asked. */
export async function readFaceLibraryState(userId: string): Promise<FaceLibraryState> {
  const { data } = await getDb().entities.faceLibrary.get({ userId }).go({ consistent: true });
  const version = data?.version ?? 0;
  const imageIds = data?.changedImages ?? [];
  const since = data?.changesSince ?? (data?.version ? null : 0);
  const tracked = since !== null && since + imageIds.length === version;
  return { version, generation: data?.generation ?? null, changes: tracked ? { since, imageIds } : null };
}

/**
 * Counts a change to the faces of each of these photos (one version each), for the face index to
 * catch up on, and answers the library as it is after it. A write is conditional on the version it
 * read, so two runs changing one user's faces at once both get counted: the one that loses reads again.
 * With no photos it only starts tracking changes (a generation, and a list from the current version).
 */
export async function touchFaceLibrary(userId: string, imageIds: string[]): Promise<FaceLibraryState> {
  for (let attempt = 1; ; attempt++) {
    const state = await readFaceLibraryState(userId);
    if (imageIds.length === 0 && state.changes && state.generation) return state;
    const tracked = state.changes ?? { since: state.version, imageIds: [] };
    const all = [...tracked.imageIds, ...imageIds];
    const version = state.version + imageIds.length;
    const next: FaceLibraryState = {
      version,
      generation: state.generation ?? nanoid(12),
      changes: all.length <= MAX_TRACKED_CHANGES ? { since: tracked.since, imageIds: all } : { since: version, imageIds: [] },
    };
    if (await writeIfVersion(userId, state.version, next)) return next;
    if (attempt >= MAX_ATTEMPTS) throw new Error('The user’s faces kept changing under this run; retry');
    await jitter();
  }
}

/**
 * Forgets the changes up to `version`, once an index snapshot of this generation at that version is
 * stored: readers need only what came after. Leaves the item alone when it has moved on (another
 * generation, or changes already forgotten past it).
 */
export async function forgetFaceChangesUpTo(userId: string, generation: string, version: number): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const state = await readFaceLibraryState(userId);
    if (state.generation !== generation || !state.changes || state.changes.since >= version || state.version < version) return;
    const next = { ...state, changes: { since: version, imageIds: state.changes.imageIds.slice(version - state.changes.since) } };
    if (await writeIfVersion(userId, state.version, next)) return;
    await jitter();
  }
}

function writeIfVersion(userId: string, version: number, next: FaceLibraryState): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.faceLibrary.update({ userId })
      .set({ version: next.version, generation: next.generation!, changesSince: next.changes!.since, changedImages: next.changes!.imageIds })
      .where((attributes, { eq, notExists }) => (version === 0 ? `${notExists(attributes.version)} OR ${eq(attributes.version, 0)}` : eq(attributes.version, version)))
      .go({ response: 'none' }),
  );
}

function jitter(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 45));
}

/** How many times the set of the user's faces changed (0 before the first face). */
export async function faceLibraryVersion(userId: string): Promise<number> {
  return (await readFaceLibraryState(userId)).version;
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
