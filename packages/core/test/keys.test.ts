import { describe, expect, it } from 'vitest';
import { statusAfterProgress } from '../src/store/projects.ts';
import { KEY_ATTRIBUTES, TABLE, createTableInput } from '../src/table/definition.ts';
import { KEY_FIELDS, indexKeys, indexPartitions, keys, partitionQuery } from '../src/table/keys.ts';

describe('table keys', () => {
  it('name their entity', () => {
    expect(keys.project('01A')).toEqual({ pk: 'PROJECT#01A', sk: 'PROJECT' });
    expect(keys.progressReport('01A', '2026-01-01T00:00:00.000Z', '01B')).toEqual({ pk: 'PROJECT#01A', sk: 'PROGRESS#2026-01-01T00:00:00.000Z#01B' });
    expect(keys.donation('01C')).toEqual({ pk: 'DONATION#01C', sk: 'DONATION' });
    expect(indexKeys.byProvince('IR-13', 'Donation', '01C')).toEqual({ gsi1pk: 'PROVINCE#IR-13#DONATION', gsi1sk: '01C' });
    expect(indexKeys.byDrive('01D', 'Distribution', '01E')).toEqual({ gsi2pk: 'DRIVE#01D#DISTRIBUTION', gsi2sk: '01E' });
  });

  it('name aggregates, their history and the county list', () => {
    expect(keys.aggregate('PROVINCE#IR-13')).toEqual({ pk: 'AGG#PROVINCE#IR-13', sk: 'AGG' });
    expect(keys.history('NATIONAL', '2026-01-01')).toEqual({ pk: 'HIST#NATIONAL', sk: '2026-01-01' });
    expect(indexKeys.countyAggregate('IR-13', 'تویسرکان')).toEqual({ gsi1pk: 'PROVINCE#IR-13#COUNTYAGG', gsi1sk: 'تویسرکان' });
  });

  it('queries find what items carry: the same index, attribute and value', () => {
    const pairs = [
      [indexPartitions.byProvince('IR-13', 'Project'), indexKeys.byProvince('IR-13', 'Project', 's')],
      [indexPartitions.countyAggregates('IR-13'), indexKeys.countyAggregate('IR-13', 's')],
      [indexPartitions.byProgramme('مسکن', 'Project'), indexKeys.byProgramme('مسکن', 'Project', 's')],
      [indexPartitions.byProgramme('مسکن', 'Plan'), indexKeys.byProgramme('مسکن', 'Plan', 's')],
      [indexPartitions.byDrive('01D', 'Donation'), indexKeys.byDrive('01D', 'Donation', 's')],
      [indexPartitions.byType('Drive'), indexKeys.byType('Drive', 's')],
    ] as const;
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
