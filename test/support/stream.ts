import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { listShards } from '@abad/functions/stream/stream-shards';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import { readableShards } from '@abad/local/stream-shards';

/**
 * Every record of a table's stream, in order: shard by shard, a parent before its children, by
 * the local poller's own rule (`readableShards`). DynamoDB Local closes a shard and opens a child
 * as time passes (on a slow machine within one test), and DescribeStream need not list a parent
 * first. Read child first, a record of the parent (an INSERT) would come after a later change to
 * the same item (its MODIFY), and the aggregator rightly skips it as older than its mark.
 */
export async function readWholeStream(endpoint: string, streamArn: string): Promise<_Record[]> {
  const client = new DynamoDBStreamsClient(localDynamoDbClientConfig(endpoint));
  try {
    const shards = await listShards(client, streamArn);
    const read = new Set<string>();
    const records: _Record[] = [];
    for (let ready = readableShards(shards, read); ready.length > 0; ready = readableShards(shards, read)) {
      for (const { shardId } of ready) {
        let iterator = (await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' })))
          .ShardIterator;
        while (iterator) {
          const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
          records.push(...(page.Records ?? []));
          if (!page.Records?.length) break; // caught up with an open shard
          iterator = page.NextShardIterator;
        }
        read.add(shardId);
      }
    }
    return records;
  } finally {
    client.destroy();
  }
}
