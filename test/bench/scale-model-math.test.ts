import { describe, expect, it } from 'vitest';
import {
  aggregateUpdatesPerSecond,
  costDollars,
  hottestKeys,
  itemSize,
  mark,
  originShare,
  partitionKeysOf,
  perSecondAt,
  queryPartitionKey,
  readUnits,
  Tally,
  writeUnits,
} from '../../bench/scale-model-math.ts';

describe('scale model arithmetic', () => {
  it('sizes items by names and values, UTF-8 for Persian text', () => {
    expect(itemSize({ pk: { S: 'AB' } })).toBe(4);
    expect(itemSize({ name: { S: 'علی' } })).toBe(4 + 6);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ m: { M: { a: { BOOL: true } } } })).toBe(1 + 3 + 1 + 1 + 1);
  });

  it('rounds write units up per KB and read units per 4 KB', () => {
    expect(writeUnits(1)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(writeUnits(1025, true)).toBe(4);
    expect(readUnits(4096, true)).toBe(1);
    expect(readUnits(4097, true)).toBe(2);
    expect(readUnits(4097, false)).toBe(1);
    expect(readUnits(0, false)).toBe(0.5);
  });

  it('finds the partition keys an item carries on the table and each index', () => {
    const keys = partitionKeysOf({
      pk: { S: 'DONATION#1' },
      sk: { S: 'DONATION' },
      gsi1pk: { S: 'PROVINCE#IR-23#DONATION#3' },
      gsi3pk: { S: 'TYPE#DONATION#3' },
    });
    expect(keys).toEqual([
      { index: 'table', pk: 'DONATION#1' },
      { index: 'GSI1', pk: 'PROVINCE#IR-23#DONATION#3' },
      { index: 'GSI3', pk: 'TYPE#DONATION#3' },
    ]);
  });

  it("reads a Query's partition key through names and values", () => {
    const input = {
      IndexName: 'GSI1',
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
      ExpressionAttributeValues: { ':pk': { S: 'PROVINCE#IR-23#COUNTYAGG' }, ':sk': { S: 'x' } },
    };
    expect(queryPartitionKey(input)).toBe('PROVINCE#IR-23#COUNTYAGG');
    expect(queryPartitionKey({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'AGG#X' } } })).toBe('AGG#X');
    expect(queryPartitionKey({ IndexName: 'GSI2', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'AGG#X' } } })).toBeUndefined();
  });

  it('keeps the hottest key per index', () => {
    const t = new Tally();
    t.add('write', 'GSI1', 'A', 2);
    t.add('write', 'GSI1', 'B', 1);
    t.add('write', 'GSI1', 'B', 3);
    t.add('write', 'table', 'C', 1);
    t.add('read', 'GSI1', 'Z', 100);
    const hot = hottestKeys(t, 'write');
    expect(hot.get('GSI1')).toEqual({ pk: 'B', units: 4 });
    expect(hot.get('table')).toEqual({ pk: 'C', units: 1 });
    expect(hottestKeys(t, 'write', (pk) => pk !== 'B').get('GSI1')).toEqual({ pk: 'A', units: 2 });
    expect(t.total('write')).toBe(7);
    expect(t.total('write', 'GSI1')).toBe(6);
  });

  it('scales linearly and models one aggregate update per scope and batch', () => {
    expect(perSecondAt(250, 1_000, 5_000)).toBe(1_250);
    expect(() => perSecondAt(1, 0, 5_000)).toThrow();
    expect(aggregateUpdatesPerSecond(5_000, 100, 1)).toBe(50);
    expect(aggregateUpdatesPerSecond(5_000, 100, 0.4)).toBeCloseTo(50, 5);
    expect(aggregateUpdatesPerSecond(5_000, 100, 0.001)).toBeCloseTo(50 * (1 - 0.999 ** 100), 9);
  });

  it('counts what reaches the origin through the CDN, and prices the day', () => {
    const o = originShare({ viewers: 1_000_000, pollSeconds: 4, urls: 1, edges: 50, maxAgeSeconds: 5 });
    expect(o.viewerRequestsPerSecond).toBe(250_000);
    expect(o.originRequestsPerSecond).toBe(10);
    expect(o.share).toBeCloseTo(0.00004, 10);
    expect(originShare({ viewers: 10, pollSeconds: 4, urls: 1, edges: 50, maxAgeSeconds: 5 }).share).toBe(1);
    expect(costDollars(2_000_000, 4_000_000)).toBeCloseTo(3.5, 10);
    expect(mark(500, 500)).toBe('✓');
    expect(mark(501, 500)).toBe('✗');
  });
});
