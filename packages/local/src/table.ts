import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TABLE, createTableInput } from '@abad/core/table/definition';

/**
 * Makes the table match the one definition in core, creating it when missing, and returns
 * its stream ARN. Idempotent, so every start runs it. A table kept on disk from an older
 * definition gets the indexes, stream and TTL added since; a changed key schema cannot be
 * fixed in place (delete the data folder).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<string> {
  const input = createTableInput(tableName);
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error; // it exists: fine
  }
  let table = await waitUntilActive(client, tableName);

  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    // One index per UpdateTable call, as DynamoDB requires.
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: input.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
      }),
    );
    table = await waitUntilActive(client, tableName);
  }

  if (!table.StreamSpecification?.StreamEnabled) {
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: input.StreamSpecification }));
    table = await waitUntilActive(client, tableName);
  }

  // UpdateTimeToLive fails when TTL is already on, so look first.
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status !== 'ENABLED' && status !== 'ENABLING') {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      }),
    );
  }

  if (!table.LatestStreamArn) throw new Error(`Table ${tableName} has no stream ARN after enabling its stream.`);
  return table.LatestStreamArn;
}

/** DynamoDB Local makes tables ACTIVE at once, but real DynamoDB does not: poll both ways. */
async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs = 120_000): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (table && table.TableStatus === 'ACTIVE' && indexesActive) return table;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} is not ACTIVE after ${timeoutMs} ms.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
