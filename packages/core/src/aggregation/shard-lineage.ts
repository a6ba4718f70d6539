/**
 * The shards of a table's stream as DescribeStream lists them: a shard closes after a few
 * hours and its records continue in a child (two when its partition splits).
 */
export interface ShardInfo {
  shardId: string;
  parentShardId?: string;
}

/**
 * A shard's ancestors, nearest first, as far as the listing goes (the stream lists the shards
 * of its last 24 hours). Each is finished once this shard delivers (apply-stream-batch.ts
 * `finishedShards`). A cycle in a broken listing stops the walk.
 */
export function ancestorsOf(shards: readonly ShardInfo[], shardId: string): string[] {
  const parents = new Map(shards.map((s) => [s.shardId, s.parentShardId]));
  const ancestors: string[] = [];
  for (let parent = parents.get(shardId); parent && parent !== shardId && !ancestors.includes(parent); parent = parents.get(parent)) {
    ancestors.push(parent);
  }
  return ancestors;
}
