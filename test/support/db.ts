import { createDocumentClient, type Store } from '@abad/core';
import { keys } from '@abad/core/table/keys';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';

/** Direct access to the test table through the real DynamoDB API, to check what was written. */
export function testStore(): Store {
  return {
    doc: createDocumentClient(localDynamoDbClientConfig(inject('dynamoDbEndpoint'))),
    tableName: inject('tableName'),
    cursorSecret: 'test',
    now: () => new Date(),
  };
}

/**
 * How many items requests wrote to the test table (aggregates, history and the aggregator's record
 * of finished stream shards come from the stream and the refresh, not from a request).
 */
export async function countRequestItems(): Promise<number> {
  const store = testStore();
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new ScanCommand({
        TableName: store.tableName,
        Select: 'COUNT',
        FilterExpression: 'NOT begins_with(pk, :aggregate) AND NOT begins_with(pk, :history) AND NOT begins_with(pk, :finishedShard)',
        ExpressionAttributeValues: { ':aggregate': keys.aggregate('').pk, ':history': keys.history('', '').pk, ':finishedShard': keys.finishedShard('').pk },
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}
