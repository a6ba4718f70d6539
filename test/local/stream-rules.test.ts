import { describe, expect, it } from 'vitest';
import { COUNTED_SORT_KEYS, STREAM_FILTER_PATTERN, isCountedRecord } from '@abad/core';
import { keys } from '@abad/core/table/keys';
import { eventFilter } from '@abad/local/event-filter';
import { readableShards } from '@abad/local/stream-shards';
import { TumblingWindow } from '@abad/local/tumbling-window';

/** The poller's rules that need no stream: Lambda's filter, shard order, tumbling windows. */
describe('the event filter', () => {
  const accepts = eventFilter(STREAM_FILTER_PATTERN);
  const record = (sk: unknown) => ({ eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'X#1' }, sk } } });

  it('agrees with isCountedRecord on every kind of item', () => {
    const others = [
      keys.aggregate('PROVINCE#IR-13'),
      keys.history('PROVINCE#IR-13', '2026-11-29'),
      keys.progressReport('1', '2026-01-01T00:00:00Z', '1'),
      keys.progressReceipt('1', '1'),
      keys.drive('1'),
    ];
    for (const sk of [...COUNTED_SORT_KEYS, ...others.map((key) => key.sk), 'project']) {
      expect(accepts(record({ S: sk })), sk).toBe(isCountedRecord({ sk }));
    }
    expect(accepts(record({ N: '1' }))).toBe(false);
    expect(accepts({ dynamodb: {} })).toBe(false);
    expect(accepts(null)).toBe(false);
  });

  it('refuses filter rules it cannot apply as Lambda would', () => {
    expect(() => eventFilter({ dynamodb: { Keys: { sk: { S: [{ prefix: 'PROJECT' }] as never } } } })).toThrow(/not supported locally/);
  });
});

describe('shard order', () => {
  const shards = [{ shardId: 'a' }, { shardId: 'b', parentShardId: 'a' }, { shardId: 'c', parentShardId: 'a' }, { shardId: 'd', parentShardId: 'gone' }];

  it('reads a child only once its parent is finished, and an orphan at once', () => {
    expect(readableShards(shards, new Set()).map((s) => s.shardId)).toEqual(['a', 'd']);
    expect(readableShards(shards, new Set(['a'])).map((s) => s.shardId)).toEqual(['b', 'c', 'd']);
    expect(readableShards(shards, new Set(['a', 'b', 'c', 'd']))).toEqual([]);
  });
});

describe('the tumbling window', () => {
  it('keeps state within a window and starts the next one empty', () => {
    const window = new TumblingWindow(1_000);
    const first = window.at(Date.UTC(2026, 10, 29, 2, 0, 0, 100));
    expect(first).toEqual({ window: { start: '2026-11-29T02:00:00Z', end: '2026-11-29T02:00:01Z' }, state: {} });
    window.keep(first.window, { sum: '3' });
    expect(window.at(Date.UTC(2026, 10, 29, 2, 0, 0, 999)).state).toEqual({ sum: '3' });
    const next = window.at(Date.UTC(2026, 10, 29, 2, 0, 1, 0));
    expect(next).toEqual({ window: { start: '2026-11-29T02:00:01Z', end: '2026-11-29T02:00:02Z' }, state: {} });
    window.keep(first.window, { sum: '9' }); // a late answer for a closed window changes nothing
    expect(window.at(Date.UTC(2026, 10, 29, 2, 0, 1, 500)).state).toEqual({});
  });
});
