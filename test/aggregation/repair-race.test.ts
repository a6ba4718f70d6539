import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { applyStreamBatch, createDrive, recordDonation, refreshAggregates, scopes, type ChangeRecord, type Principal, type Store } from '@abad/core';
import { keys } from '@abad/core/table/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnTable, phantomOf, plain, storedAggregate, storedAndExpected, type OwnTable } from '../support/own-table.ts';

/**
 * The refresh reads every aggregate with its revision during the recount and repairs a drifted
 * one only at that revision. Here the stream changes the aggregate between the recount and the
 * repair — a donation written and aggregated in that window, after the scan passed — and the
 * repair must not overwrite it: the scope is reported `changed-during-refresh` and left for the
 * next run, which repairs it to the recount, the new donation included.
 *
 * The window is opened without touching the refresh: its store is the test table's own store
 * whose `send` runs the stream's change first when the refresh sends the repair of the
 * province's aggregate (an UpdateItem that is not a mark pruning).
 */
const SHARD = 'shardId-00000000000000000001-race';
const admin: Principal = { subject: 'repair-race', role: 'admin', provinces: '*' };
const PROVINCE = scopes.province('IR-13');

let table: OwnTable;
beforeAll(async () => {
  table = await createOwnTable('repair-race');
});
afterAll(async () => {
  await table?.drop();
});

/** The same store, whose repair of `scope`'s aggregate waits for `meanwhile` first (once). */
function withChangeBeforeRepair(store: Store, scope: string, meanwhile: () => Promise<void>): { store: Store; ran: () => boolean } {
  const target = keys.aggregate(scope).pk;
  let ran = false;
  const send = (async (command: unknown) => {
    if (
      !ran &&
      command instanceof UpdateCommand &&
      (command.input.Key as { pk: string }).pk === target &&
      !/\bREMOVE\b/.test(command.input.UpdateExpression ?? '')
    ) {
      ran = true;
      await meanwhile();
    }
    return store.doc.send(command as never);
  }) as Store['doc']['send'];
  return { store: { ...store, doc: new Proxy(store.doc, { get: (t, p, r) => (p === 'send' ? send : Reflect.get(t, p, r)) }) }, ran: () => ran };
}

async function deliver(records: ChangeRecord[], shard = SHARD) {
  const result = await applyStreamBatch(table.store, shard, records);
  expect(result.failed).toEqual([]);
}

describe('an aggregate the stream changes between the recount and the repair', () => {
  it('is not overwritten by the repair: reported changed-during-refresh, then repaired to the recount by the next run', async () => {
    const drive = await createDrive(table.store, admin, { name: 'پویش همزمان', startDate: '2026-01-01' });
    const donate = (amount: bigint) =>
      recordDonation(table.store, admin, { driveId: drive.id, province: 'IR-13', kind: 'cash', amountToman: amount, channel: 'صندوق' });
    await donate(1_000n);
    const first = await table.newRecords();
    await deliver(first);
    // Drift: a copy of that donation under an id no table holds, counted by the province and the drive.
    await deliver([phantomOf(first.find((r) => r.newImage?.type === 'Donation')!, '01JPHANTOM0000000000000002', '900000000000000000001')], 'shardId-phantom');
    expect(plain((await storedAggregate(table.store, PROVINCE))!.counters)).toMatchObject({ donations: '2', donationCashToman: '2000' });

    // The refresh recounts (1 donation, 1,000); before its repair of the province lands, a donation
    // of 30,000 is written and the stream aggregates it.
    let beforeRepair: Record<string, string> = {};
    const racing = withChangeBeforeRepair(table.store, PROVINCE, async () => {
      await donate(30_000n);
      await deliver(await table.newRecords());
      beforeRepair = plain((await storedAggregate(table.store, PROVINCE))!.counters);
    });
    const report = await refreshAggregates(racing.store, { quietMs: 0 });
    expect(racing.ran()).toBe(true);
    expect(beforeRepair).toMatchObject({ donations: '3', donationCashToman: '32000' });
    expect(report.drift.find((d) => d.scope === PROVINCE)).toMatchObject({
      repaired: false,
      reason: 'changed-during-refresh',
      differences: { donations: ['2', '1'], donationCashToman: ['2000', '1000'] },
    });
    // The stream's donation is kept (the phantom's drift too, for the next run).
    expect(plain((await storedAggregate(table.store, PROVINCE))!.counters)).toEqual(beforeRepair);

    // The next run repairs it: the two real donations, 31,000.
    const next = await refreshAggregates(table.store, { quietMs: 0 });
    expect(next.drift.find((d) => d.scope === PROVINCE)).toMatchObject({ repaired: true, reason: 'repaired', differences: { donations: ['3', '2'] } });
    const { stored, expected } = await storedAndExpected(table.store);
    expect(stored).toEqual(expected);
    expect(stored[PROVINCE]).toMatchObject({ donations: '2', donationCashToman: '31000' });
  });
});
