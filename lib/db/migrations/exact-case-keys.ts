import { Entity, type Schema } from 'electrodb';
import { allPages } from '../../all-pages';
import { documentClient } from '../../aws/clients';
import { resources } from '../../aws/resources';
import { getDb } from '../client';
import { Analysis } from '../entities/analysis';
import { Image } from '../entities/image';
import { Link } from '../entities/link';
import { Settings } from '../entities/settings';
import { table } from '../table';

/*
 * Version 1 of the image, analysis, settings and link items wrote their keys lowercased (ElectroDB's
 * default), so user ids and share codes that differ only in case shared keys: `F6bOvszDcgCX` and
 * `f6bovszdcgcx` opened the same link. Version 2 keeps keys exactly as given. This moves every version 1
 * item to version 2, once; running it again finds nothing to move.
 */

type AnySchema = Schema<string, string, string>;
type Item = Record<string, unknown>;

/** The same entity as it was at version 1: the same attributes, keys in ElectroDB's default (lower) case. */
export function legacyOf(entity: { schema: unknown }): Entity<string, string, string, AnySchema> {
  const schema = entity.schema as AnySchema & { indexes: Record<string, { pk: object; sk: object }> };
  const defaultCasing = (key: object) => Object.fromEntries(Object.entries(key).filter(([name]) => name !== 'casing'));
  const indexes = Object.fromEntries(Object.entries(schema.indexes).map(([name, index]) => [name, { ...index, pk: defaultCasing(index.pk), sk: defaultCasing(index.sk) }]));
  return new Entity({ ...schema, model: { ...schema.model, version: '1' }, indexes } as AnySchema, { client: documentClient(), table: resources.tableName });
}

/** Version 1 dead letters kept the raw S3 record and error text; version 2 keeps the job and its trigger key. */
export function legacyDeadLetters(): Entity<string, string, string, AnySchema> {
  return new Entity(
    {
      model: { entity: 'deadLetter', version: '1', service: 'headshot' },
      attributes: {
        deadLetterId: { type: 'string', required: true },
        userId: { type: 'string', required: true },
        imageId: { type: 'string' },
        handler: { type: 'string', required: true },
        record: { type: 'string', required: true },
        attempts: { type: 'number', required: true },
        createdAt: { type: 'number', required: true },
      },
      indexes: {
        byOwner: { pk: { field: table.partitionKey, composite: ['userId'] }, sk: { field: table.sortKey, composite: ['deadLetterId'] } },
      },
    },
    { client: documentClient(), table: resources.tableName },
  ) as unknown as Entity<string, string, string, AnySchema>;
}

export interface MigratedItems {
  moved: Record<'image' | 'analysis' | 'settings' | 'link' | 'deadLetter', number>;
  /** Images and analyses that were in flight: version 1 had no job for them, so the caller must expect one. */
  imagesInFlight: { userId: string; imageId: string; originalKey: string }[];
  analysesInFlight: { userId: string; imageId: string }[];
}

async function moveAll(legacy: Entity<string, string, string, AnySchema>, write: (item: Item) => Promise<void>): Promise<Item[]> {
  const moved: Item[] = [];
  const scan = async (cursor: string | undefined) => {
    const page: { data: Item[]; cursor: string | null } = await legacy.scan.go({ cursor: cursor ?? null, limit: 200 });
    return { items: page.data, cursor: page.cursor };
  };
  for await (const items of allPages(scan)) {
    for (const item of items) {
      await write(item);
      await legacy.delete(item).go();
      moved.push(item);
    }
  }
  return moved;
}

/** Moves every version 1 item to version 2 and answers what it moved and what was in flight; a second run finds nothing to move. */
export async function migrateToExactCaseKeys(): Promise<MigratedItems> {
  const db = getDb().entities;
  const images = await moveAll(legacyOf(Image), (item) => db.image.put(item as never).go({ response: 'none' }).then(() => undefined));
  const analyses = await moveAll(legacyOf(Analysis), (item) => db.analysis.put(item as never).go({ response: 'none' }).then(() => undefined));
  const settings = await moveAll(legacyOf(Settings), (item) => db.settings.put(item as never).go({ response: 'none' }).then(() => undefined));
  const links = await moveAll(legacyOf(Link), (item) => db.link.put(item as never).go({ response: 'none' }).then(() => undefined));
  const deadLetters = await moveAll(legacyDeadLetters(), async (item) => {
    const record = JSON.parse(String(item.record)) as { s3?: { object?: { key?: string } } };
    const key = decodeURIComponent((record.s3?.object?.key ?? '').replace(/\+/g, ' '));
    if (!item.imageId || !key) return;
    await db.deadLetter
      .put({ deadLetterId: `${item.handler}.${item.imageId}`, userId: String(item.userId), kind: String(item.handler), subjectId: String(item.imageId), key, attempts: Number(item.attempts), createdAt: Number(item.createdAt) })
      .go({ response: 'none' });
  });
  return {
    moved: { image: images.length, analysis: analyses.length, settings: settings.length, link: links.length, deadLetter: deadLetters.length },
    imagesInFlight: images
      .filter((item) => item.status === 'uploading' || item.status === 'processing')
      .map((item) => ({ userId: String(item.userId), imageId: String(item.imageId), originalKey: String(item.originalKey) })),
    analysesInFlight: analyses.filter((item) => item.status === 'pending' || item.status === 'running').map((item) => ({ userId: String(item.userId), imageId: String(item.imageId) })),
  };
}
