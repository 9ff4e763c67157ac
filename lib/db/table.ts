/**
 * The single DynamoDB table, described once. sst.config.ts builds the AWS table from it
 * and local/ creates the dynalite table from it, so the two cannot drift apart.
 */
export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds. DynamoDB's TTL deletes lazily (and dynalite never), so reads also check it. */
  ttlAttribute: 'expiresAt',
  globalIndexes: {
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  },
} as const;

export type GlobalIndexName = keyof typeof table.globalIndexes;
