import { table as definition } from '../lib/db/table';
import { dataKey } from './encryption';
import { isProtectedStage } from './settings';

/** Every key attribute of the shared definition, all strings (ElectroDB composes keys as text). */
function keyFields(): Record<string, 'string'> {
  const names: string[] = [definition.partitionKey, definition.sortKey];
  for (const index of Object.values(definition.globalIndexes)) names.push(index.partitionKey, index.sortKey);
  return Object.fromEntries(names.map((name) => [name, 'string' as const]));
}

function globalIndexes(): Record<string, { hashKey: string; rangeKey: string }> {
  return Object.fromEntries(
    Object.entries(definition.globalIndexes).map(([name, index]) => [name, { hashKey: index.partitionKey, rangeKey: index.sortKey }]),
  );
}

/* The same table that local/ creates in dynalite, built from the one definition in lib/db/table.ts. */
export const table = new sst.aws.Dynamo('Table', {
  fields: keyFields(),
  primaryIndex: { hashKey: definition.partitionKey, rangeKey: definition.sortKey },
  globalIndexes: globalIndexes(),
  ttl: definition.ttlAttribute,
  deletionProtection: isProtectedStage($app.stage),
  transform: {
    // SST turns point-in-time recovery on by default; stated here because restores depend on it.
    table: (args) => {
      args.pointInTimeRecovery = { enabled: true };
      // Without a key of our own, DynamoDB encrypts with an AWS-owned key (always on); with one, with it.
      if (dataKey) args.serverSideEncryption = { enabled: true, kmsKeyArn: dataKey.arn };
    },
  },
});
