import { DescribeStreamCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

/**
 * The shards of a stream and the order they may be read in. A shard splits into children
 * when it closes; records of one item go to the parent first, then to a child, so (as Lambda
 * does) a child is read only once its parent has been read to its end.
 */
export interface ShardInfo {
  shardId: string;
  parentShardId?: string;
}

/** Every shard, following DescribeStream's pages (it returns at most 100 shards at a time). */
export async function listShards(client: DynamoDBStreamsClient, streamArn: string, signal?: AbortSignal): Promise<ShardInfo[]> {
  const shards: ShardInfo[] = [];
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription: description } = await client.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      { abortSignal: signal },
    );
    for (const shard of description?.Shards ?? []) {
      if (shard.ShardId) shards.push({ shardId: shard.ShardId, ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}) });
    }
    exclusiveStartShardId = description?.LastEvaluatedShardId;
  } while (exclusiveStartShardId);
  return shards;
}

/**
 * The shards that may be read now: not finished, and either without a parent, or whose
 * parent is finished or no longer listed (trimmed from the stream after 24 h).
 */
export function readableShards(shards: readonly ShardInfo[], finished: ReadonlySet<string>): ShardInfo[] {
  const listed = new Set(shards.map((s) => s.shardId));
  return shards.filter(
    (shard) => !finished.has(shard.shardId) && (!shard.parentShardId || !listed.has(shard.parentShardId) || finished.has(shard.parentShardId)),
  );
}
