import type { ShardInfo } from '@abad/core';

/**
 * The order the shards of a stream may be read in (listed by functions/stream/stream-shards.ts
 * `listShards`). A shard splits into children when it closes; records of one item go to the
 * parent first, then to a child, so (as Lambda does) a child is read only once its parent has
 * been read to its end: the aggregator relies on it (core `BatchOptions.finishedShards`).
 *
 * The shards that may be read now: not finished, and either without a parent, or whose
 * parent is finished or no longer listed (trimmed from the stream after 24 h).
 */
export function readableShards(shards: readonly ShardInfo[], finished: ReadonlySet<string>): ShardInfo[] {
  const listed = new Set(shards.map((s) => s.shardId));
  return shards.filter(
    (shard) => !finished.has(shard.shardId) && (!shard.parentShardId || !listed.has(shard.parentShardId) || finished.has(shard.parentShardId)),
  );
}
