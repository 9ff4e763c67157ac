import { findAccountClosure, scanItemsNamingUser } from '../db';
import { siteRecognizer } from '../people/site-recognizer';
import { listUserObjects } from './list-user-objects';

export interface UserDataReport {
  userId: string;
  /** Objects under the user's prefixes, in either bucket. */
  objects: { bucket: string; key: string }[];
  /** Table items that name the user: their partition, their links, their local account, their counters. */
  items: { entity: string; keys: Record<string, unknown> }[];
  /** Faces the face index still holds for them (Rekognition's collection, or the built-in model's descriptors). */
  indexedFaces: number;
  /** Not data: the mark that the account was closed, kept a day after the deletion (lib/db/entities/account-closure.ts). */
  closure: { requestedAt: number; expiresAt: number | null } | null;
}

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];

/** Everything the buckets, the table and the face index still hold for one user. For proof, not for serving: it scans. */
export async function findUserData(userId: string): Promise<UserDataReport> {
  const objects = await listUserObjects(userId);
  const items = (await scanItemsNamingUser(userId))
    .filter((item) => item.__edb_e__ !== 'accountClosure')
    .map((item) => ({ entity: String(item.__edb_e__ ?? 'unknown'), keys: Object.fromEntries(KEY_ATTRIBUTES.filter((name) => name in item).map((name) => [name, item[name]])) }));
  const closure = await findAccountClosure(userId);
  return {
    userId,
    objects,
    items,
    indexedFaces: await siteRecognizer().countFaces(userId),
    closure: closure ? { requestedAt: closure.requestedAt, expiresAt: closure.expiresAt ?? null } : null,
  };
}

/** Whether the report shows anything of the user's. */
export function holdsUserData(report: UserDataReport): boolean {
  return report.objects.length > 0 || report.items.length > 0 || report.indexedFaces > 0;
}
