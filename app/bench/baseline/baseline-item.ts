import { table } from '@/lib/db/table';

/** The one item the baseline page reads; bench/share.bench.ts writes it before measuring. */
export const BASELINE_ITEM_KEY = { [table.partitionKey]: 'bench#baseline', [table.sortKey]: 'bench#baseline' };
