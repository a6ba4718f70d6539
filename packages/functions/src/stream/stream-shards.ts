import { ancestorsOf, type ShardInfo } from '@abad/core';
import { DescribeStreamCommand, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

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

let client: DynamoDBStreamsClient | undefined;
/** Ancestors by stream and shard: a shard's parent never changes, so once per shard and container. */
const known = new Map<string, Promise<string[]>>();

/**
 * The finished shards of a batch (core `BatchOptions.finishedShards`): its shard's ancestors,
 * from one DescribeStream listing when the container first sees the shard. A listing that
 * fails costs nothing but the pruning: the batch goes on with none, and the next asks again.
 */
export function finishedShardsOf(streamArn: string, shardId: string): Promise<string[]> {
  const key = `${streamArn} ${shardId}`;
  let ancestors = known.get(key);
  if (!ancestors) {
    client ??= new DynamoDBStreamsClient(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {});
    ancestors = listShards(client, streamArn).then((shards) => ancestorsOf(shards, shardId));
    known.set(key, ancestors);
    ancestors.catch(() => known.delete(key));
  }
  return ancestors.catch(() => []);
}
