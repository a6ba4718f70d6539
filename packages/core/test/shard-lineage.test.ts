import { describe, expect, it } from 'vitest';
import { ancestorsOf, type ShardInfo } from '../src/aggregation/shard-lineage.ts';

describe('a shard’s ancestors (the shards finished once it delivers)', () => {
  const listing: ShardInfo[] = [
    { shardId: 'root' },
    { shardId: 'left', parentShardId: 'root' },
    { shardId: 'right', parentShardId: 'root' },
    { shardId: 'left-child', parentShardId: 'left' },
  ];

  it('are its parent, the parent’s parent and so on, nearest first', () => {
    expect(ancestorsOf(listing, 'left-child')).toEqual(['left', 'root']);
    expect(ancestorsOf(listing, 'right')).toEqual(['root']);
  });

  it('never include a sibling, which may still be open', () => {
    expect(ancestorsOf(listing, 'left-child')).not.toContain('right');
    expect(ancestorsOf(listing, 'right')).not.toContain('left');
  });

  it('are none for a first shard or one the listing does not have', () => {
    expect(ancestorsOf(listing, 'root')).toEqual([]);
    expect(ancestorsOf(listing, 'not-listed')).toEqual([]);
  });

  it('end at a parent trimmed from the stream, and at a cycle in a broken listing', () => {
    expect(ancestorsOf([{ shardId: 'a', parentShardId: 'gone' }], 'a')).toEqual(['gone']);
    expect(
      ancestorsOf(
        [
          { shardId: 'a', parentShardId: 'b' },
          { shardId: 'b', parentShardId: 'a' },
        ],
        'a',
      ),
    ).toEqual(['b']);
  });
});
