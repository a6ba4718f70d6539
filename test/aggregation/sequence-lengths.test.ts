import { createDrive, recordDonation, scopes, type Principal } from '@abad/core';
import { createLambdaContext } from '@abad/local/lambda-context';
import { setHandlerEnv } from '@abad/local/handler-env';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TumblingWindowStreamEvent } from '../../packages/functions/src/stream/event.ts';
import { createOwnTable, storedAggregate, storedAndExpected, type OwnTable } from '../support/own-table.ts';

/**
 * Stream sequence numbers are decimal strings whose length grows (21 digits, then 22, …): as
 * text, "1000…" sorts before "9000…". The real stream handler
 * (packages/functions/src/stream/aggregate.ts, with Lambda's tumbling-window event) is fed six
 * donations of one shard, the first three numbered with 21 digits and the next three with 22,
 * in overlapping batches and redeliveries, against DynamoDB Local: each is counted once.
 */
const SHARD = 'shardId-00000000000000000001-lengths';
const admin: Principal = { subject: 'sequence-lengths', role: 'admin', provinces: '*' };
const PROVINCE = scopes.province('IR-13');
/** 21 digits: 900000000000000000001 …; 22 digits: 1000000000000000000004 … (larger as numbers, smaller as text). */
const SEQUENCES = [1n, 2n, 3n].map((n) => String(9n * 10n ** 20n + n)).concat([4n, 5n, 6n].map((n) => String(10n ** 21n + n)));

let table: OwnTable;
let records: DynamoDBRecord[];
let handler: (event: TumblingWindowStreamEvent, context: ReturnType<typeof createLambdaContext>) => Promise<{ batchItemFailures: unknown[] }>;

beforeAll(async () => {
  table = await createOwnTable('sequence-lengths');
  setHandlerEnv({ tableName: table.store.tableName, dynamoDbEndpoint: inject('dynamoDbEndpoint'), cursorSecret: 'sequence-lengths' });
  ({ handler } = await import('../../packages/functions/src/stream/aggregate.ts'));
  const drive = await createDrive(table.store, admin, { name: 'پویش شماره‌ها', startDate: '2026-01-01' });
  for (const amount of [1n, 2n, 3n, 4n, 5n, 6n]) {
    await recordDonation(table.store, admin, { driveId: drive.id, province: 'IR-13', kind: 'cash', amountToman: amount * 1_000n, channel: 'صندوق' });
  }
  // The donations' real stream records, renumbered on one shard in the order they were written.
  const donations = (await table.rawRecords()).filter((r) => r.dynamodb?.NewImage?.type?.S === 'Donation');
  expect(donations).toHaveLength(6);
  records = donations.map((r, i) => ({ ...r, dynamodb: { ...r.dynamodb, SequenceNumber: SEQUENCES[i] } }));
});

afterAll(async () => {
  await table?.drop();
});

async function deliver(...positions: number[]) {
  const event: TumblingWindowStreamEvent = {
    Records: positions.map((p) => records[p - 1]!),
    shardId: SHARD,
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/sequence-lengths/stream/2026-01-01T00:00:00.000',
    window: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' },
    state: {},
  };
  const response = await handler(event, createLambdaContext('abad-aggregate', 60_000));
  expect(response.batchItemFailures, `batch ${positions.join(',')}`).toEqual([]);
}

describe('sequence numbers of 21 and 22 digits', () => {
  it('are each counted once through overlapping batches and redeliveries', async () => {
    expect(SEQUENCES.map((s) => s.length)).toEqual([21, 21, 21, 22, 22, 22]);
    await deliver(1, 2);
    await deliver(2, 3, 4); // a redelivered record, then the batch crosses from 21 to 22 digits
    await deliver(5, 6);
    await deliver(1, 2, 3, 4, 5, 6); // the whole shard again
    await deliver(4); // an old 22-digit batch again, after the shard caught up

    const { stored, expected } = await storedAndExpected(table.store);
    expect(stored[PROVINCE]).toMatchObject({ donations: '6', donationCashToman: '21000' });
    expect(stored).toEqual(expected);
    // The mark is the last record's number, padded so that it compares as text.
    expect((await storedAggregate(table.store, PROVINCE))!.marks.get(SHARD)?.sequence).toBe(SEQUENCES[5]!.padStart(40, '0'));
  });
});
