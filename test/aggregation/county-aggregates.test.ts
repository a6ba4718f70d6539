import { QueryCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { applyStreamBatch, countiesOf, createDrive, provinceCountyFigures, provinceFigures, recordDonation, scopes, type Principal } from '@abad/core';
import { TABLE } from '@abad/core/table/definition';
import { keys, retiredIndexAttributes } from '@abad/core/table/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnTable, storedAggregate, type OwnTable } from '../support/own-table.ts';

/**
 * Issue 11: county aggregates were listed under their province on GSI1
 * (`PROVINCE#<code>#COUNTYAGG`), so on a drive day every update of every Tehran county also
 * rewrote an entry under that one index key (22,092 write units a second in the scale model,
 * which would throttle the table). They are now on no index: readers take the province's
 * counties from the catalogue and read them by key. An aggregate stored with the old index
 * attributes loses them at its next write, and still reads as before.
 */
const admin: Principal = { subject: 'county-aggregates', role: 'admin', provinces: '*' };
const [first, second] = countiesOf('IR-13');
const scope = scopes.county('IR-13', first!.code);

let table: OwnTable;

beforeAll(async () => {
  table = await createOwnTable('county-aggregates');
});

afterAll(async () => {
  await table?.drop();
});

describe('county aggregates', () => {
  it('lose the index entry they had at their next write, and are read by key from the catalogue', async () => {
    // An aggregate as the aggregator wrote it before: one donation counted, listed on GSI1.
    const [partitionKey, sortKey] = retiredIndexAttributes.countyAggregate;
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: {
          ...keys.aggregate(scope),
          scope,
          type: 'Aggregate',
          revision: 1,
          'c#donations': 1n,
          'c#donationCashToman': 500n,
          [partitionKey]: 'PROVINCE#IR-13#COUNTYAGG',
          [sortKey]: first!.code,
        },
      }),
    );
    const drive = await createDrive(table.store, admin, { name: 'پویش شهرستان', startDate: '2026-01-01' });
    for (const county of [first!, second!]) {
      await recordDonation(table.store, admin, {
        driveId: drive.id,
        province: 'IR-13',
        county: county.name,
        kind: 'cash',
        amountToman: 1_000n,
        channel: 'صندوق',
      });
    }
    const result = await applyStreamBatch(table.store, 'shardId-00000000000000000001-county', await table.newRecords());
    expect(result.failed).toEqual([]);

    const stored = (await storedAggregate(table.store, scope))!;
    expect(stored.counters.get('donations')).toBe(2n);
    expect(stored.item[partitionKey]).toBeUndefined();
    expect(stored.item[sortKey]).toBeUndefined();
    expect((await storedAggregate(table.store, scopes.county('IR-13', second!.code)))!.item[partitionKey]).toBeUndefined();
    const listed = await table.store.doc.send(
      new QueryCommand({
        TableName: table.store.tableName,
        IndexName: TABLE.indexes.byProvince.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': partitionKey },
        ExpressionAttributeValues: { ':pk': 'PROVINCE#IR-13#COUNTYAGG' },
      }),
    );
    expect(listed.Items).toEqual([]);

    // Both readers still find both counties, in catalogue order.
    const province = await provinceFigures(table.store, 'IR-13');
    expect(province.counties.map((c) => [c.code, c.county, c.donations.count])).toEqual([
      [first!.code, first!.name, 2],
      [second!.code, second!.name, 1],
    ]);
    const catalogue = await provinceCountyFigures(table.store, 'IR-13');
    expect(catalogue.counties.filter((c) => c.donations.count > 0).map((c) => [c.code, c.donations.count])).toEqual([
      [first!.code, 2],
      [second!.code, 1],
    ]);
    expect(catalogue.counties).toHaveLength(countiesOf('IR-13').length);
  });
});
