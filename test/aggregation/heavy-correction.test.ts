import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  SHIPPED_INDICATORS,
  applyStreamBatch,
  contribution,
  createIndicator,
  createPartner,
  createProject,
  difference,
  isCountedRecord,
  padSequence,
  scopes,
  updateProject,
  type ChangeRecord,
  type Principal,
  type Project,
  type Store,
} from '@abad/core';
import { MARK_PREFIX } from '@abad/core/aggregation/aggregate-item';
import { MAX_COUNTERS_PER_UPDATE } from '@abad/core/aggregation/aggregate-update';
import { MAX_PARTNER_REFS } from '@abad/core/schemas/partner';
import { keys } from '@abad/core/table/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnTable, storedAggregate, storedAndExpected, type OwnTable } from '../support/own-table.ts';

/**
 * One correction of the heaviest project (40 outputs, 20 partners) that changes its programme,
 * its category and every partner names about 400 counters in its place's breakdown: the old
 * ones taken away, the new ones added. One update may name only MAX_COUNTERS_PER_UPDATE (the
 * 4 KB expression), so the record's change to that scope goes in parts, each moving the shard's
 * mark to a position within the record (`<sequence>.001`, `.002`, …). It is counted once, also
 * when the invocation dies between two parts and the batch comes again.
 */
const admin: Principal = { subject: 'heavy-correction', role: 'admin', provinces: '*' };
const BREAKDOWN = scopes.breakdown('IR-13');
/** Every additive shipped indicator read from no field, and added ones up to the 40 outputs a project may have. */
const SHIPPED = SHIPPED_INDICATORS.filter((i) => i.additive && !i.field).map((i) => i.code);
const ADDED = Array.from({ length: Math.max(0, 40 - SHIPPED.length) }, (_, i) => `heavy_output_${i}`);
const OUTPUTS = [...SHIPPED, ...ADDED].slice(0, 40).map((indicator) => ({ indicator, target: 7, actual: 3 }));

let table: OwnTable;
let store: Store;
/** Partners' ids: the project's 20, and the 20 a correction puts in their place. */
let first: string[];
let second: string[];

beforeAll(async () => {
  table = await createOwnTable('heavy-correction');
  store = table.store;
  const partners = async (prefix: string) => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_PARTNER_REFS; i++) ids.push((await createPartner(store, admin, { name: `${prefix} ${i}`, kind: 'charity' })).id);
    return ids;
  };
  for (const [i, code] of ADDED.entries()) await createIndicator(store, admin, { code, fa: `شاخص افزوده ${i}`, en: `added ${i}`, unit: 'unit' });
  first = await partners('خیریهٔ نخست');
  second = await partners('بنیاد دوم');
  expect(OUTPUTS).toHaveLength(40);
});

afterAll(async () => {
  await table?.drop();
});

const refs = (ids: string[]) => ids.map((partner, i) => ({ partner, role: i % 2 ? ('funding' as const) : ('implementing' as const) }));

async function heaviestProject(title: string): Promise<Project> {
  return createProject(store, admin, {
    title,
    category: 'workshop',
    programme: 'اشتغال روستایی',
    province: 'IR-13',
    county: 'تویسرکان',
    villages: 1,
    ruralDistricts: 1,
    status: 'in_progress',
    progressPercent: 72.5,
    budgetToman: 9_007_199_254_740_993n,
    loansToman: 62_000_000_000n,
    jobsCreated: 12,
    housingUnits: 4,
    beneficiaryHouseholds: 3,
    outputs: OUTPUTS,
    partners: refs(first),
  });
}

/** Its programme, its category and every partner changed, in one correction. */
async function correct(project: Project, to: { programme: string; category: 'water' | 'workshop'; partners: string[] }): Promise<Project> {
  return updateProject(store, admin, project.id, project.version, { programme: to.programme, category: to.category, partners: refs(to.partners) });
}

/** The stream's records not delivered yet, as the handler keeps them. */
async function newCounted(): Promise<ChangeRecord[]> {
  return (await table.newRecords()).filter((r) => isCountedRecord(r.keys));
}

/** The number of counters a record's change names in a scope. */
function changed(record: ChangeRecord, scope: string): number {
  const after = contribution(record.newImage).get(scope) ?? new Map();
  const before = contribution(record.oldImage).get(scope) ?? new Map();
  return [...difference(after, before).values()].filter((v) => v !== 0n).length;
}

/** The same store, whose updates of `scope` fail after `allowed` of them (an invocation dying between two parts). */
function dyingAfter(allowed: number, scope: string): Store {
  let left = allowed;
  const key = JSON.stringify(keys.aggregate(scope));
  const send = ((command: unknown) => {
    if (command instanceof UpdateCommand && JSON.stringify(command.input.Key) === key && left-- <= 0) return Promise.reject(new Error('the invocation died'));
    return store.doc.send(command as never);
  }) as Store['doc']['send'];
  return { ...store, doc: new Proxy(store.doc, { get: (t, p, r) => (p === 'send' ? send : Reflect.get(t, p, r)) }) };
}

/** The mark a record leaves when its change to `scope` went in parts: its last part. */
function lastPart(record: ChangeRecord, scope: string): string {
  return `${padSequence(record.sequenceNumber)}.${String(Math.ceil(changed(record, scope) / MAX_COUNTERS_PER_UPDATE)).padStart(3, '0')}`;
}

async function expectCountedOnce() {
  const { stored, expected } = await storedAndExpected(store);
  expect(stored).toEqual(expected);
  expect(Object.keys(expected[BREAKDOWN] ?? {}).length).toBeGreaterThan(180);
}

describe('the heaviest correction', () => {
  it('is applied once: its change to the breakdown goes in parts, and the aggregates equal the recount', async () => {
    const project = await heaviestProject('سنگین‌ترین');
    await applyStreamBatch(store, 'shardId-heavy-1', await newCounted()).then((r) => expect(r.failed).toEqual([]));

    await correct(project, { programme: 'آبرسانی روستایی', category: 'water', partners: second });
    const [modify, ...rest] = await newCounted();
    expect(rest).toEqual([]);
    expect(changed(modify!, BREAKDOWN)).toBeGreaterThan(MAX_COUNTERS_PER_UPDATE); // the case under test: one record, one scope, too many counters

    const result = await applyStreamBatch(store, 'shardId-heavy-1', [modify!]);
    expect(result.failed).toEqual([]);
    expect(result.applied).toContain(BREAKDOWN);
    const mark = (await storedAggregate(store, BREAKDOWN))!.marks.get('shardId-heavy-1')!.sequence;
    expect(mark).toBe(lastPart(modify!, BREAKDOWN));
    await expectCountedOnce();

    // The same record again (a redelivery): nothing moves.
    const again = await applyStreamBatch(store, 'shardId-heavy-1', [modify!]);
    expect(again).toMatchObject({ failed: [], applied: [] });
    expect(again.alreadyApplied).toContain(BREAKDOWN);
    await expectCountedOnce();
  });

  it('dies between two parts, and the whole batch delivered again is counted exactly once', async () => {
    const shard = 'shardId-heavy-2';
    const project = await heaviestProject('سنگین‌ترین دوم');
    const corrected = await correct(project, { programme: 'مسکن محرومان', category: 'water', partners: second });
    await correct(corrected, { programme: 'اشتغال روستایی', category: 'workshop', partners: first });
    // One batch: the project written, corrected, corrected back (two records too heavy for one update).
    const batch = await newCounted();
    expect(batch).toHaveLength(3);
    expect(batch.slice(1).map((r) => changed(r, BREAKDOWN) > MAX_COUNTERS_PER_UPDATE)).toEqual([true, true]);

    // The invocation dies after the breakdown's second update: the mark stops within a correction.
    const crashed = await applyStreamBatch(dyingAfter(2, BREAKDOWN), shard, batch);
    expect(crashed.failed.map((f) => [f.scope, f.sequenceNumber])).toEqual([[BREAKDOWN, batch[0]!.sequenceNumber]]);
    const partial = (await storedAggregate(store, BREAKDOWN))!.marks.get(shard)!.sequence;
    expect(partial).toMatch(/^\d{40}\.\d{3}$/);
    expect(partial < lastPart(batch[2]!, BREAKDOWN)).toBe(true);
    const { stored, expected } = await storedAndExpected(store);
    expect(stored[BREAKDOWN]).not.toEqual(expected[BREAKDOWN]);

    // Lambda delivers the whole batch again: the parts written are skipped, the rest applied.
    const retried = await applyStreamBatch(store, shard, batch);
    expect(retried.failed).toEqual([]);
    expect(retried.applied).toEqual([BREAKDOWN]);
    expect((await storedAggregate(store, BREAKDOWN))!.marks.get(shard)!.sequence).toBe(lastPart(batch[2]!, BREAKDOWN));
    await expectCountedOnce();

    // And once more: all of it was applied.
    const again = await applyStreamBatch(store, shard, batch);
    expect(again).toMatchObject({ failed: [], applied: [] });
    await expectCountedOnce();
  });

  it('is skipped whole when the mark is at the record itself (applied before in one update, by a version that did not split it)', async () => {
    const shard = 'shardId-heavy-3';
    const project = await heaviestProject('سنگین‌ترین سوم');
    await applyStreamBatch(store, shard, await newCounted()).then((r) => expect(r.failed).toEqual([]));
    await correct(project, { programme: 'آبرسانی روستایی', category: 'water', partners: second });
    const [modify] = await newCounted();
    await applyStreamBatch(store, shard, [modify!]).then((r) => expect(r.failed).toEqual([]));
    await expectCountedOnce();
    // The mark says the record was applied whole: a redelivery must not apply its parts again.
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.aggregate(BREAKDOWN),
        UpdateExpression: 'SET #mark = :record',
        ExpressionAttributeNames: { '#mark': `${MARK_PREFIX}${shard}` },
        ExpressionAttributeValues: { ':record': padSequence(modify!.sequenceNumber) },
      }),
    );
    const again = await applyStreamBatch(store, shard, [modify!]);
    expect(again).toMatchObject({ failed: [], applied: [] });
    await expectCountedOnce();
  });
});
