import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from 'next/navigation';
import { documentClient } from '@/lib/aws/clients';
import { resources } from '@/lib/aws/resources';
import { requestSettings } from '@/lib/config';
import { BASELINE_ITEM_KEY } from './baseline-item';

export const metadata = { title: 'Baseline' };

/**
 * The share benchmark's baseline: a bare page of this build that does one DocumentClient GetItem
 * and renders a few lines. It deliberately skips ElectroDB and lib/db, to be the floor a page with
 * one lookup costs. A route of the benchmarks' build only (lib/config.ts benchBuild), and served only
 * under the local cloud.
 */
export default async function BaselinePage() {
  if (!requestSettings().localCloud) notFound();
  const { Item } = await documentClient().send(new GetCommand({ TableName: resources.tableName, Key: BASELINE_ITEM_KEY }));
  if (!Item) notFound();
  return (
    <main className="p-8">
      <h1 className="text-xl font-semibold">Baseline</h1>
      <p>{String(Item.title)}</p>
      <p>Written at {new Date(Number(Item.createdAt)).toISOString()}</p>
    </main>
  );
}
