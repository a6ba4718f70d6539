import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../store/store.ts';
import { keys } from '../table/keys.ts';

/**
 * Stream shards known finished. Once a shard's child delivers, every update drops the shard's
 * marks (apply-stream-batch.ts `finishedShards`), which were what kept its records from being
 * counted twice. Its records can still come again in one case: the stream read anew from its
 * trim horizon (an event source mapping replaced, or the local poller's checkpoints lost). So
 * the aggregator records each finished shard once (before dropping its marks) and skips a batch
 * of a shard so recorded. An entry outlives the stream's 24 hours of records (`expiresAt`).
 */
export const FINISHED_SHARD_TTL_SECONDS = 48 * 60 * 60;

/** Shards this process knows finished, by table: a fact that never reverts, so it is kept. */
const known = new Set<string>();
const knownKey = (store: Store, shardId: string) => `${store.tableName}\n${shardId}`;

/** Whether the shard is recorded finished (one consistent read, until it is). */
export async function isFinishedShard(store: Store, shardId: string): Promise<boolean> {
  if (known.has(knownKey(store, shardId))) return true;
  const { Item } = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.finishedShard(shardId), ConsistentRead: true }));
  if (Item) known.add(knownKey(store, shardId));
  return Item !== undefined;
}

/** Records the shards finished (idempotent; a shard this process recorded before costs nothing). Returns how many it wrote. */
export async function recordFinishedShards(store: Store, shardIds: readonly string[]): Promise<number> {
  const now = store.now();
  const fresh = shardIds.filter((shardId) => !known.has(knownKey(store, shardId)));
  await Promise.all(
    fresh.map(async (shardId) => {
      await store.doc.send(
        new PutCommand({
          TableName: store.tableName,
          Item: {
            ...keys.finishedShard(shardId),
            type: 'FinishedShard',
            shardId,
            finishedAt: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + FINISHED_SHARD_TTL_SECONDS,
          },
        }),
      );
      known.add(knownKey(store, shardId));
    }),
  );
  return fresh.length;
}
