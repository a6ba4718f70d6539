import { describe, expect, it } from 'vitest';
import { aggregateIndexKeys, retiredAggregateAttributes } from '../src/aggregation/aggregate-item.ts';
import { statusAfterProgress } from '../src/store/projects.ts';
import { KEY_ATTRIBUTES, TABLE, createTableInput } from '../src/table/definition.ts';
import { newId } from '../src/store/ids.ts';
import {
  KEY_FIELDS,
  RECORD_SHARDS,
  indexKeys,
  indexPartitions,
  indexPosition,
  indexSortKey,
  keys,
  partitionQuery,
  recordShard,
  startKeyAt,
} from '../src/table/keys.ts';

describe('table keys', () => {
  it('name their entity', () => {
    expect(keys.project('01A')).toEqual({ pk: 'PROJECT#01A', sk: 'PROJECT' });
    expect(keys.progressReport('01A', '2026-01-01T00:00:00.000Z', '01B')).toEqual({ pk: 'PROJECT#01A', sk: 'PROGRESS#2026-01-01T00:00:00.000Z#01B' });
    expect(keys.donation('01C')).toEqual({ pk: 'DONATION#01C', sk: 'DONATION' });
    expect(indexKeys.byProvince('IR-13', 'Project', '01C')).toEqual({ gsi1pk: 'PROVINCE#IR-13#PROJECT', gsi1sk: '01C' });
  });

  it('put each donation or distribution on one shard of each of its index keys, by a stable hash of its id', () => {
    const id = '01JD5XQ8Y5W6Z8N3K2M1P0R9ST';
    const shard = recordShard(id);
    expect(shard).toBe(recordShard(id));
    expect(indexKeys.driveRecord('Donation', { id, province: 'IR-23', driveId: '01D' }, 's')).toEqual({
      gsi1pk: `PROVINCE#IR-23#DONATION#${shard}`,
      gsi1sk: 's',
      gsi2pk: `DRIVE#01D#DONATION#${shard}`,
      gsi2sk: 's',
      gsi3pk: `TYPE#DONATION#${shard}`,
      gsi3sk: 's',
    });
    expect(indexKeys.driveRecord('Distribution', { id, province: 'IR-13', driveId: '01D' }, 's').gsi2pk).toBe(`DRIVE#01D#DISTRIBUTION#${shard}`);
    // 16 shards (the arithmetic is in keys.ts), evenly used by ULIDs: 16,000 ids, 1,000 a shard expected.
    expect(RECORD_SHARDS).toBe(16);
    const counts = new Array<number>(RECORD_SHARDS).fill(0);
    for (let i = 0; i < 16_000; i++) counts[recordShard(newId())]!++;
    expect(Math.min(...counts)).toBeGreaterThan(850);
    expect(Math.max(...counts)).toBeLessThan(1_150);
  });

  it('list a sharded key as every shard and then the unsharded key records carried before sharding', () => {
    const partitions = indexPartitions.byDrive('01D', 'Donation');
    expect(partitions.map((p) => p.partitionKey)).toEqual([...Array.from({ length: 16 }, (_, n) => `DRIVE#01D#DONATION#${n}`), 'DRIVE#01D#DONATION']);
    expect(new Set(partitions.map((p) => p.index))).toEqual(new Set(['GSI2']));
    expect(indexPartitions.recordsByProvince('IR-23', 'Distribution').at(-1)).toEqual({
      index: 'GSI1',
      partitionKeyName: 'gsi1pk',
      partitionKey: 'PROVINCE#IR-23#DISTRIBUTION',
    });
    expect(indexPartitions.recordsByType('Donation')[3]).toEqual({ index: 'GSI3', partitionKeyName: 'gsi3pk', partitionKey: 'TYPE#DONATION#3' });
  });

  it('keep a position in a partition compact and resume after it', () => {
    const [partition] = indexPartitions.byDrive('01D', 'Donation');
    const item = { pk: 'DONATION#01X', sk: 'DONATION', gsi2pk: 'DRIVE#01D#DONATION#0', gsi2sk: '2026-01-01T00:00:00.000Z#01X', amountToman: 5 };
    expect(indexPosition(partition!, item)).toEqual(['DONATION#01X', 'DONATION', '2026-01-01T00:00:00.000Z#01X']);
    expect(indexSortKey(partition!, item)).toBe('2026-01-01T00:00:00.000Z#01X');
    const { amountToman: _, ...key } = item;
    expect(startKeyAt(partition!, indexPosition(partition!, item))).toEqual(key);
  });

  it('name aggregates and their history; county aggregates are on no index, and lose the one they were on', () => {
    expect(keys.aggregate('PROVINCE#IR-13')).toEqual({ pk: 'AGG#PROVINCE#IR-13', sk: 'AGG' });
    expect(keys.history('NATIONAL', '2026-01-01')).toEqual({ pk: 'HIST#NATIONAL', sk: '2026-01-01' });
    expect(aggregateIndexKeys('COUNTY#IR-13#1305')).toEqual({});
    expect(retiredAggregateAttributes('COUNTY#IR-13#1305')).toEqual(['gsi1pk', 'gsi1sk']);
    expect(retiredAggregateAttributes('PROVINCE#IR-13')).toEqual([]);
  });

  it('queries find what items carry: the same index, attribute and value', () => {
    const pairs = [
      [indexPartitions.byProvince('IR-13', 'Project'), indexKeys.byProvince('IR-13', 'Project', 's')],
      [indexPartitions.byProgramme('مسکن', 'Project'), indexKeys.byProgramme('مسکن', 'Project', 's')],
      [indexPartitions.byProgramme('مسکن', 'Plan'), indexKeys.byProgramme('مسکن', 'Plan', 's')],
      [indexPartitions.byType('Drive'), indexKeys.byType('Drive', 's')],
    ] as const;
    const id = '01JD5XQ8Y5W6Z8N3K2M1P0R9ST';
    const record = indexKeys.driveRecord('Donation', { id, province: 'IR-23', driveId: '01D' }, 's');
    for (const partitions of [
      indexPartitions.recordsByProvince('IR-23', 'Donation'),
      indexPartitions.byDrive('01D', 'Donation'),
      indexPartitions.recordsByType('Donation'),
    ]) {
      const index = Object.values(TABLE.indexes).find((i) => i.name === partitions[0]!.index)!;
      expect(partitions[recordShard(id)]!.partitionKey).toBe(record[index.partitionKey as keyof typeof record]);
      expect(record[index.sortKey as keyof typeof record]).toBe('s');
    }
    for (const [partition, carried] of pairs) {
      const index = Object.values(TABLE.indexes).find((i) => i.name === partition.index)!;
      expect(partition.partitionKeyName).toBe(index.partitionKey);
      expect(carried).toEqual({ [index.partitionKey]: partition.partitionKey, [index.sortKey]: 's' });
    }
    expect(indexPartitions.byProvince('IR-13', 'Project')).toEqual({ index: 'GSI1', partitionKeyName: 'gsi1pk', partitionKey: 'PROVINCE#IR-13#PROJECT' });
    expect(partitionQuery(indexPartitions.byType('Drive'))).toEqual({
      IndexName: 'GSI3',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'gsi3pk' },
      ExpressionAttributeValues: { ':pk': 'TYPE#DRIVE' },
    });
  });

  it('every index attribute is declared in the table definition and stripped from entities', () => {
    const input = createTableInput('t');
    expect(input.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual([...KEY_ATTRIBUTES].sort());
    expect(input.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(Object.values(TABLE.indexes).map((i) => i.name));
    for (const attribute of KEY_ATTRIBUTES) expect(KEY_FIELDS).toContain(attribute);
    expect(input.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });
});

describe('statusAfterProgress', () => {
  it('moves a project forward and back as its reported progress does', () => {
    expect(statusAfterProgress('planned', 0)).toBe('planned');
    expect(statusAfterProgress('planned', 10)).toBe('in_progress');
    expect(statusAfterProgress('in_progress', 100)).toBe('completed');
    expect(statusAfterProgress('operational', 100)).toBe('operational');
    expect(statusAfterProgress('completed', 90)).toBe('in_progress');
    expect(statusAfterProgress('suspended', 50)).toBe('suspended');
  });
});
