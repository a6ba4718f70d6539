import { ancestorsOf, applyStreamBatch, createDrive, recordDonation, scopes, type ChangeRecord, type Principal, type ShardInfo } from '@abad/core';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toChangeRecord } from '../../packages/functions/src/stream/event.ts';
import { createOwnTable, storedAggregate, storedAndExpected, type OwnTable } from '../support/own-table.ts';

/**
 * Issue 11: an aggregate kept one mark per stream shard of the last 48 hours, and shards rotate
 * every few hours, so the hot aggregates grew with the stream's history (tens of KB, every update
 * paying for all of it). Now each update removes the marks of its shard's ancestors, which no
 * record will come from again. Real donations' stream records are delivered on DynamoDB Local
 * through 40 generations of shards (each the child of the one before, every batch delivered
 * twice): the aggregate keeps the open shard's mark only, and every donation counts once — also
 * when the whole stream is read again from its start, the finished shards' marks long gone.
 */
const admin: Principal = { subject: 'shard-churn', role: 'admin', provinces: '*' };
const PROVINCE = scopes.province('IR-13');
const GENERATIONS = 40;
const shardOf = (line: string, generation: number) => `shardId-${String(generation).padStart(20, '0')}-${line}`;

let table: OwnTable;
let records: ChangeRecord[];

beforeAll(async () => {
  table = await createOwnTable('shard-churn');
  const drive = await createDrive(table.store, admin, { name: 'پویش چرخش', startDate: '2026-01-01' });
  for (let i = 0; i < GENERATIONS * 2; i++) {
    await recordDonation(table.store, admin, { driveId: drive.id, province: 'IR-13', kind: 'cash', amountToman: 1_000n, channel: 'صندوق' });
  }
  records = (await table.rawRecords()).filter((r) => r.dynamodb?.NewImage?.type?.S === 'Donation').map((r) => toChangeRecord(r as DynamoDBRecord));
  expect(records).toHaveLength(GENERATIONS * 2);
});

afterAll(async () => {
  await table?.drop();
});

/** Delivers `batch` from `shard` twice (a redelivery), with the ancestors the listing gives it. */
async function deliverTwice(listing: ShardInfo[], shard: string, batch: ChangeRecord[]) {
  const finishedShards = ancestorsOf(listing, shard);
  const first = await applyStreamBatch(table.store, shard, batch, { finishedShards });
  const again = await applyStreamBatch(table.store, shard, batch, { finishedShards });
  expect(first.failed).toEqual([]);
  expect(again.applied).toEqual([]);
}

describe('an aggregate through shard churn', () => {
  it('keeps the marks of the open shards only, and counts every record once', async () => {
    // Two lines of shards open side by side (as two partitions give), each rotating GENERATIONS / 2 times.
    const listing: ShardInfo[] = [];
    for (let g = 0; g < GENERATIONS; g++) {
      const line = g % 2 === 0 ? 'east' : 'west';
      const generation = Math.floor(g / 2);
      const shard = shardOf(line, generation);
      listing.push({ shardId: shard, ...(generation > 0 ? { parentShardId: shardOf(line, generation - 1) } : {}) });
      // Each line's records, in order: line east takes the even records, west the odd.
      const mine = records.filter((_, i) => i % 2 === g % 2);
      await deliverTwice(listing, shard, mine.slice(generation * 2, generation * 2 + 2));
    }

    const { stored, expected } = await storedAndExpected(table.store);
    expect(stored[PROVINCE]).toMatchObject({ donations: String(GENERATIONS * 2), donationCashToman: String(GENERATIONS * 2 * 1_000) });
    expect(stored).toEqual(expected);
    const aggregate = (await storedAggregate(table.store, PROVINCE))!;
    const last = GENERATIONS / 2 - 1;
    expect([...aggregate.marks.keys()].sort()).toEqual([shardOf('east', last), shardOf('west', last)]);
    // No time stamp of a removed mark stays behind.
    expect(Object.keys(aggregate.item).filter((name) => name.startsWith('t#'))).toHaveLength(2);

    // The stream read anew from its trim horizon (an event source mapping replaced): every
    // finished shard's batches come again, parents first, without their marks on the aggregate.
    for (let g = 0; g < GENERATIONS - 2; g++) {
      const line = g % 2 === 0 ? 'east' : 'west';
      const generation = Math.floor(g / 2);
      const mine = records.filter((_, i) => i % 2 === g % 2);
      const again = await applyStreamBatch(table.store, shardOf(line, generation), mine.slice(generation * 2, generation * 2 + 2), {
        finishedShards: ancestorsOf(listing, shardOf(line, generation)),
      });
      expect(again.shardFinished, shardOf(line, generation)).toBe(true);
      expect(again.applied).toEqual([]);
    }
    expect((await storedAndExpected(table.store)).stored).toEqual(expected);
  });
});
