import { AccountClosure } from '../db/entities/account-closure';
import { Session } from '../db/entities/session';

/**
 * The partition keys of the items the live authorizer reads, with `*` for any user: an account's
 * closure mark and a local account's session, each read with one GetItem. infra/ grants the
 * authorizer GetItem on these partitions and nothing else of the table; the keys come from the
 * entities themselves, so the grant follows them if they ever change.
 */
export function liveAuthorizerPartitionKeys(): string[] {
  // A table name only so that ElectroDB builds the request; the keys do not depend on it.
  const table = 'any';
  return [AccountClosure.get({ userId: '*' }).params({ table }).Key.pk, Session.get({ userId: '*', sessionId: '*' }).params({ table }).Key.pk];
}
