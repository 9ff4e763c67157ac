import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable, startDynamo } from '../../local/dynamo';
import { EMULATOR_CREDENTIALS } from '../../local/s3';

/*
 * A process that serves DynamoDB from the folder it is given and moves 40 items along an index as fast
 * as it can, as jobs' lease renewals do, until it is killed: local/dynamo.test.ts kills it mid-write.
 */
const [directory, tableName] = process.argv.slice(2) as [string, string];
const ITEMS = 40;
const dynamo = await startDynamo({ directory, port: 0 });
const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: EMULATOR_CREDENTIALS });
await ensureTable(client, tableName);
process.send?.('writing');
// Many items at once, so that a kill at any moment finds some of them half written.
await Promise.all(
  Array.from({ length: ITEMS }, async (_, item) => {
    for (let n = 0; ; n++) {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { pk: { S: `job-${item}` }, sk: { S: 'job' } },
          UpdateExpression: 'SET gsi2pk = :due, gsi2sk = :at',
          ExpressionAttributeValues: { ':due': { S: 'due' }, ':at': { S: `${String(n).padStart(12, '0')}-${item}` } },
        }),
      );
    }
  }),
);
