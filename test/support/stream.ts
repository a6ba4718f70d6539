import { DynamoDBStreamsClient, DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { localDynamoDbClientConfig } from '@abad/local/client-config';

/** Every record of a table's stream, in order (DynamoDB Local keeps one shard per stream). */
export async function readWholeStream(endpoint: string, streamArn: string): Promise<_Record[]> {
  const client = new DynamoDBStreamsClient(localDynamoDbClientConfig(endpoint));
  try {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const records: _Record[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      let iterator = (await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })))
        .ShardIterator;
      while (iterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        records.push(...(page.Records ?? []));
        if (!page.Records?.length) break; // caught up with an open shard
        iterator = page.NextShardIterator;
      }
    }
    return records;
  } finally {
    client.destroy();
  }
}
