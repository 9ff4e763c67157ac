import { documentClient } from '../aws/clients';
import { resources } from '../aws/resources';
import { createService, type Db } from './service';

let db: Db | undefined;
/** The Service over this process's table, made on first use, so that importing lib/db needs no deployment. */
export function getDb(): Db {
  db ??= createService(documentClient(), resources.tableName);
  return db;
}

/** A page of a list, with the cursor for the next page (null at the end). */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}
