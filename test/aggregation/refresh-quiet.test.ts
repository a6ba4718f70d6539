import { applyStreamBatch, createDrive, recordDonation, refreshAggregates, scopes, type ChangeRecord, type Principal, type RefreshReport } from '@abad/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createOwnTable, phantomOf, plain, storedAggregate, storedAndExpected, type OwnTable } from '../support/own-table.ts';

/**
 * The refresh repairs a scope only when neither its aggregate nor any of its items changed for
 * `quietMs`: a scope that changed more recently may have stream records still on their way,
 * and a repair then would count them twice when they arrive. Each test has a table of its own,
 * delivers the stream itself and moves the store's clock.
 */
const MINUTE = 60_000;
const QUIET_MS = 15 * MINUTE;
const SHARD = 'shardId-00000000000000000001-quiet';
const admin: Principal = { subject: 'refresh-quiet', role: 'admin', provinces: '*' };
const PROVINCE = scopes.province('IR-13');

let table: OwnTable | undefined;
afterEach(async () => {
  await table?.drop();
  table = undefined;
});

async function donate(t: OwnTable, driveId: string, amount: bigint) {
  return recordDonation(t.store, admin, { driveId, province: 'IR-13', county: 'همدان', kind: 'cash', amountToman: amount, channel: 'صندوق مسجد' });
}

async function deliver(t: OwnTable, shard: string, records: ChangeRecord[]) {
  const result = await applyStreamBatch(t.store, shard, records);
  expect(result.failed).toEqual([]);
}

const driftOf = (report: RefreshReport, scope: string) => report.drift.find((d) => d.scope === scope);

describe('the refresh leaves a scope alone within its quiet period', () => {
  it('reports a drifted scope changed minutes ago as not-quiet and keeps its aggregate, then repairs it once the period has passed', async () => {
    const t = (table = await createOwnTable('refresh-quiet'));
    const drive = await createDrive(t.store, admin, { name: 'پویش زمستانه', startDate: '2026-01-01' });
    await donate(t, drive.id, 5_000_000n);
    const records = await t.newRecords();
    await deliver(t, SHARD, records);
    // Drift, applied now: a donation counted that no table holds.
    const real = records.find((r) => r.newImage?.type === 'Donation')!;
    await deliver(t, 'shardId-phantom', [phantomOf(real, '01JPHANTOM0000000000000001', '900000000000000000001')]);
    const drifted = (await storedAggregate(t.store, PROVINCE))!;
    expect(plain(drifted.counters)).toMatchObject({ donations: '2', donationCashToman: '10000000' });

    // Five minutes later: the province, its county and the drive differ from the recount, and changed within the period.
    t.clock.offsetMs = 5 * MINUTE;
    const early = await refreshAggregates(t.store, { quietMs: QUIET_MS });
    expect(driftOf(early, PROVINCE)).toMatchObject({
      repaired: false,
      reason: 'not-quiet',
      differences: { donations: ['2', '1'], donationCashToman: ['10000000', '5000000'] },
    });
    expect(driftOf(early, scopes.drive(drive.id))).toMatchObject({ repaired: false, reason: 'not-quiet' });
    expect(early.drift.filter((d) => d.repaired)).toEqual([]);
    expect((await storedAggregate(t.store, PROVINCE))!.item).toEqual(drifted.item);

    // Past the quiet period since the phantom was applied: repaired, and every aggregate equals the recount.
    t.clock.offsetMs = QUIET_MS + MINUTE;
    const late = await refreshAggregates(t.store, { quietMs: QUIET_MS });
    expect(driftOf(late, PROVINCE)).toMatchObject({ repaired: true, reason: 'repaired', differences: { donations: ['2', '1'] } });
    const { stored, expected } = await storedAndExpected(t.store);
    expect(stored).toEqual(expected);
    expect(stored[PROVINCE]).toMatchObject({ donations: '1', donationCashToman: '5000000' });
  });

  it('counts a record the stream has not delivered yet once: an item written within the period keeps an old aggregate from repair', async () => {
    const t = (table = await createOwnTable('refresh-quiet'));
    const drive = await createDrive(t.store, admin, { name: 'پویش بهاره', startDate: '2026-01-01' });
    await donate(t, drive.id, 1_000_000n);
    await deliver(t, SHARD, await t.newRecords());

    // An hour later a second donation is written; its stream record is still on the way.
    t.clock.offsetMs = 60 * MINUTE;
    await donate(t, drive.id, 2_000_000n);
    t.clock.offsetMs = 65 * MINUTE;
    const before = (await storedAggregate(t.store, PROVINCE))!;
    const report = await refreshAggregates(t.store, { quietMs: QUIET_MS });
    // The aggregate itself last changed 65 minutes ago, the item 5 minutes ago: not quiet.
    expect(driftOf(report, PROVINCE)).toMatchObject({ repaired: false, reason: 'not-quiet', differences: { donations: ['1', '2'] } });
    expect((await storedAggregate(t.store, PROVINCE))!.item).toEqual(before.item);

    // The stream delivers it: counted once, and the next refresh finds nothing to repair.
    await deliver(t, SHARD, await t.newRecords());
    t.clock.offsetMs = 90 * MINUTE;
    const next = await refreshAggregates(t.store, { quietMs: QUIET_MS });
    expect(next.drift).toEqual([]);
    const { stored, expected } = await storedAndExpected(t.store);
    expect(stored).toEqual(expected);
    expect(stored[PROVINCE]).toMatchObject({ donations: '2', donationCashToman: '3000000' });
  });
});
