import { DynamoDBStreamsClient, DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { localDynamoDbClientConfig } from '@abad/local/client-config';

/** Every record of a table's stream, in order (DynamoDB Local keeps one shard per stream). */
export async function readWholeStream(endpoint: string, streamArn: string): Promise<_Record[]> {
  const client = new DynamoDBStreamsClient(localDynamoDbClientConfig(endpoint));
  try {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const records: _Record[] = [];
    for (const shard of parentsFirst(StreamDescription?.Shards ?? [])) {
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

/**
 * The shards in lineage order, a parent before its children: DynamoDB Local closes a shard and
 * opens a child as time passes (on a slow machine within one test), and DescribeStream need not
 * list a parent first. Read child first, a record of the parent (an INSERT) would come after a
 * later change to the same item (its MODIFY), and the aggregator rightly skips it as older than
 * its mark.
 */
export function parentsFirst<T extends { ShardId?: string | undefined; ParentShardId?: string | undefined }>(shards: readonly T[]): T[] {
  const ids = new Set(shards.map((s) => s.ShardId));
  const done = new Set<string | undefined>();
  const ordered: T[] = [];
  let pending = [...shards];
  while (pending.length) {
    const ready = pending.filter((s) => !s.ParentShardId || !ids.has(s.ParentShardId) || done.has(s.ParentShardId));
    // A cycle cannot happen in a real stream; keep the rest as listed rather than loop.
    const next = ready.length ? ready : pending;
    for (const shard of next) {
      ordered.push(shard);
      done.add(shard.ShardId);
    }
    pending = pending.filter((s) => !next.includes(s));
  }
  return ordered;
}
