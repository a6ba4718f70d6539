import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  applyStreamBatch,
  createDrive,
  mergeRefresh,
  planRefresh,
  readRefreshRun,
  recordDonation,
  recountPart,
  RefreshRunIncompleteError,
  refreshAggregates,
  scopes,
  type Principal,
  type RefreshReport,
  type Store,
} from '@abad/core';
import { isCountedRecord } from '@abad/core/aggregation/stream-filter';
import { keys } from '@abad/core/table/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnTable, phantomOf, storedAndExpected, type OwnTable } from '../support/own-table.ts';

/**
 * The refresh split in parts (core aggregation/refresh-run.ts): however many parts the scan is
 * split in, the report and the repairs are those of one part; a part that fails leaves the run
 * unmerged, and running it again (or any part twice) completes it without counting anything twice.
 *
 * One table of the test's own, 41 records over 5 provinces and 2 drives, an item that cannot be
 * aggregated, and drift in several scopes (phantom donations applied to the aggregates). Each
 * case starts from the same drifted aggregates (put back as they were).
 */
const admin: Principal = { subject: 'refresh-split', role: 'admin', provinces: '*' };
const PROVINCES = ['IR-13', 'IR-23', 'IR-07', 'IR-29', 'IR-01'] as const;
const RECORDS = 41;

let table: OwnTable;
/** The drifted aggregates, to put back before each case. */
let drifted: Record<string, unknown>[];
/** The refresh in one part, from the drifted aggregates. */
let reference: { report: RefreshReport; after: Record<string, Record<string, string>> };

async function scanType(store: Store, type: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new ScanCommand({
        TableName: store.tableName,
        FilterExpression: '#type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': type },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every aggregate as it was when the drift was made (those created since removed). */
async function putBackDrift(): Promise<void> {
  for (const item of await scanType(table.store, 'Aggregate')) {
    await table.store.doc.send(new DeleteCommand({ TableName: table.store.tableName, Key: { pk: item.pk, sk: item.sk } }));
  }
  for (const item of drifted) await table.store.doc.send(new PutCommand({ TableName: table.store.tableName, Item: item }));
}

async function aggregates(): Promise<Record<string, Record<string, string>>> {
  return (await storedAndExpected(table.store)).stored;
}

/** The same store, whose Scan of `segments` fails (once each) as a crashed part would. */
function failingScans(store: Store, segments: Set<number>): Store {
  const send = (async (command: unknown) => {
    if (command instanceof ScanCommand && command.input.Segment !== undefined && segments.delete(command.input.Segment)) {
      throw new Error(`segment ${command.input.Segment} lost`);
    }
    return store.doc.send(command as never);
  }) as Store['doc']['send'];
  return { ...store, doc: new Proxy(store.doc, { get: (t, p, r) => (p === 'send' ? send : Reflect.get(t, p, r)) }) };
}

beforeAll(async () => {
  table = await createOwnTable('refresh-split');
  const drives = [
    await createDrive(table.store, admin, { name: 'پویش یک', startDate: '2026-01-01' }),
    await createDrive(table.store, admin, { name: 'پویش دو', startDate: '2026-01-01' }),
  ];
  for (let i = 0; i < RECORDS; i++) {
    await recordDonation(table.store, admin, {
      driveId: drives[i % 2]!.id,
      province: PROVINCES[i % PROVINCES.length]!,
      kind: 'cash',
      amountToman: BigInt(1_000 * (i + 1)),
      channel: 'صندوق',
    });
  }
  const records = (await table.newRecords()).filter((r) => isCountedRecord(r.keys));
  expect((await applyStreamBatch(table.store, 'shardId-split', records)).failed).toEqual([]);
  // An item that cannot be aggregated, counted as nothing by every part and reported once.
  await table.store.doc.send(
    new PutCommand({ TableName: table.store.tableName, Item: { ...keys.donation('01JBROKEN00000000000000000'), type: 'Donation', province: 'IR-13' } }),
  );
  // Drift in three provinces and both drives.
  const donations = records.filter((r) => r.newImage?.type === 'Donation');
  const phantoms = [0, 1, 2].map((i) => phantomOf(donations[i]!, `01JPHANTOMSPLIT000000000${i}0`, `90000000000000000000${i}`));
  expect((await applyStreamBatch(table.store, 'shardId-phantom', phantoms)).failed).toEqual([]);
  drifted = await scanType(table.store, 'Aggregate');

  const report = await refreshAggregates(table.store, { quietMs: 0, parts: 1 });
  reference = { report, after: await aggregates() };
  const { stored, expected } = await storedAndExpected(table.store);
  expect(stored).toEqual(expected);
}, 60_000);

afterAll(async () => {
  await table?.drop();
});

describe('the refresh split in parts', () => {
  it('one part finds the drift, the broken item, and repairs every drifted scope', () => {
    const { report } = reference;
    expect(report.itemsScanned).toBeGreaterThan(RECORDS);
    expect(report.invalidItems).toHaveLength(1);
    const repaired = report.drift.filter((d) => d.repaired).map((d) => d.scope);
    expect(repaired).toEqual(expect.arrayContaining([scopes.province('IR-13'), scopes.province('IR-23'), scopes.province('IR-07')]));
    expect(report.drift.every((d) => d.repaired && d.reason === 'repaired')).toBe(true);
  });

  it.each([2, 7, 13])('in %i parts gives exactly the report and the repairs of one part', async (parts) => {
    await putBackDrift();
    const report = await refreshAggregates(table.store, { quietMs: 0, parts });
    expect(report).toEqual(reference.report);
    expect(await aggregates()).toEqual(reference.after);
  });

  it('a part that fails leaves the run unmerged; run again (and a part run twice) it completes, counted once', async () => {
    await putBackDrift();
    const PARTS = 5;
    const run = await planRefresh(table.store, { quietMs: 0, parts: PARTS });
    // Part 2 scans segments 8–11 of 20: one of them fails.
    const failing = failingScans(table.store, new Set([9]));
    const results = await Promise.allSettled(Array.from({ length: PARTS }, (_, part) => recountPart(failing, run.runId, part)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await readRefreshRun(table.store, run.runId)).done).toEqual([0, 1, 3, 4]);

    // No merge yet: refused, and nothing repaired.
    const refused = await mergeRefresh(table.store, run.runId).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RefreshRunIncompleteError);
    expect((refused as RefreshRunIncompleteError).missing).toEqual([2]);
    expect(await aggregates()).not.toEqual(reference.after);

    // Part 3 delivered twice, once in many small chunks then again whole; part 2 retried in small chunks.
    await recountPart(table.store, run.runId, 3, { chunkBytes: 64 });
    await recountPart(table.store, run.runId, 3);
    const retried = await recountPart(table.store, run.runId, 2, { chunkBytes: 64 });
    expect(retried.chunks).toBeGreaterThan(1);
    expect(retried).toMatchObject({ done: PARTS, parts: PARTS });

    const report = await mergeRefresh(table.store, run.runId);
    expect(report).toEqual(reference.report);
    expect(await aggregates()).toEqual(reference.after);
    expect((await readRefreshRun(table.store, run.runId)).mergedAt).toBeDefined();
  });
});
