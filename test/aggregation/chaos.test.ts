import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  ancestorsOf,
  applyStreamBatch,
  createDocumentClient,
  createDrive,
  countiesOf,
  createPartner,
  createPlan,
  createProject,
  createTableInput,
  deleteProject,
  getPlan,
  getProject,
  recordDistribution,
  recordDonation,
  recount,
  reportProgress,
  updatePlan,
  updateProject,
  type ChangeRecord,
  type Counters,
  type PlaceCode,
  type Principal,
  type ProjectCategory,
  type ProjectStatus,
  type ProvinceCode,
  scopes,
  type ShardInfo,
  type Store,
} from '@abad/core';
import { keys } from '@abad/core/table/keys';
import { toChangeRecord } from '@abad/functions/stream/event';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { readWholeStream } from '../support/stream.ts';

/**
 * The aggregation invariant under chaos: random writes go through the real table and its real
 * stream; the records are split over two shards (by item, as DynamoDB does), each rotating
 * through GENERATIONS child shards whose updates drop their ancestors' marks, and delivered to
 * the aggregator with faults — a finished shard's records read anew (a replaced mapping), — batches delivered twice, retries from a reported failure,
 * crashes after only some scopes were written, shards interleaved, old batches redelivered
 * out of order. At the end every aggregate equals the recount.
 *
 * The seed is fixed, so a run is repeatable; `CHAOS_SEED` picks another (fast-check prints the
 * seed of a failure). Each run is dense — many writes, many faulty deliveries — and the test
 * checks that every fault took effect somewhere, so the default run count stays small.
 */
const RUNS = Number(process.env.CHAOS_RUNS ?? 30);
const SEED = Number(process.env.CHAOS_SEED ?? 20_260_101);
/** Measured at 0.3 to 1.5 s a run on a 2-core machine, and 4 s with the whole suite beside it: this leaves room for that. */
const TIME_LIMIT_MS = Math.max(60_000, RUNS * 6_000);
const PROVINCES: ProvinceCode[] = ['IR-13', 'IR-19', 'IR-23'];
/** How many shards each of the two shard lines rotates through in a run. */
const GENERATIONS = 3;
/** Places: three provinces (two catalogue counties each, or none) and the country itself. */
const PLACES: { province: PlaceCode; county?: string }[] = [
  ...PROVINCES.flatMap((province) => [
    ...countiesOf(province)
      .slice(0, 2)
      .map((c) => ({ province, county: c.name })),
    { province },
  ]),
  { province: 'IR' },
];
const PROGRAMMES = ['اشتغال روستایی', 'اشتغال روستايي', 'مسکن محرومان']; // the first two are one programme
const INDICATORS = ['workshops', 'qanats', 'water_tanks', 'jobs'];
const STATUSES: ProjectStatus[] = ['planned', 'in_progress', 'completed', 'operational', 'suspended', 'cancelled'];
const CATEGORIES: ProjectCategory[] = ['housing', 'workshop', 'water'];
const admin: Principal = { subject: 'chaos', role: 'admin', provinces: '*' };

const money = fc.bigInt({ min: 0n, max: 10n ** 22n });
const place = fc.constantFrom(...PLACES);
const outputs = fc.uniqueArray(
  fc.record({ indicator: fc.constantFrom(...INDICATORS), target: fc.option(fc.nat(5_000), { nil: undefined }), actual: fc.nat(5_000) }),
  { selector: (o) => o.indicator, maxLength: 3 },
);
const partnerPicks = fc.uniqueArray(fc.nat(2), { maxLength: 2 });

const operation = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('createProject' as const),
      place,
      status: fc.constantFrom(...STATUSES),
      category: fc.constantFrom(...CATEGORIES),
      progress: fc.integer({ min: 0, max: 99 }),
      budget: money,
      jobs: fc.nat(50),
      programme: fc.constantFrom(...PROGRAMMES),
      outputs,
      partners: partnerPicks,
      villages: fc.nat(20),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('changeOutputs' as const), target: fc.nat(), outputs, partners: partnerPicks }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('reportOutputs' as const), target: fc.nat(), progress: fc.integer({ min: 0, max: 100 }), actual: fc.nat(9_000) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('plan' as const),
      place,
      programme: fc.constantFrom(...PROGRAMMES),
      indicator: fc.constantFrom(...INDICATORS),
      target: fc.nat(10_000),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('changePlan' as const), target: fc.nat(), amount: fc.nat(10_000), programme: fc.constantFrom(...PROGRAMMES) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('moveProject' as const), target: fc.nat(), place }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('changeProject' as const), target: fc.nat(), status: fc.constantFrom(...STATUSES), budget: money }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reportProgress' as const), target: fc.nat(), progress: fc.integer({ min: 0, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteProject' as const), target: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('donate' as const), place, drive: fc.nat(1), cash: fc.boolean(), amount: money }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('distribute' as const),
      place,
      drive: fc.nat(1),
      packages: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
      value: money,
      partners: partnerPicks,
    }),
  },
);

/** How the "Lambda" delivers: per step, which shard moves, how big the batch is, and what goes wrong. */
const delivery = fc.record({
  shard: fc.nat(1),
  size: fc.integer({ min: 1, max: 8 }),
  fault: fc.oneof(
    { weight: 4, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'twice' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('crash' as const), after: fc.nat(4) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('failScope' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('redeliverOld' as const), back: fc.integer({ min: 1, max: 10 }) }) },
    // The stream read anew from its trim horizon (a replaced event source mapping): a finished shard's records come again.
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('rereadFinished' as const), size: fc.integer({ min: 1, max: 20 }) }) },
  ),
});

class InjectedFault extends Error {}

/** The same store, with aggregate updates that fail on demand (a network cut, a throttle, a crash). */
function faultyStore(store: Store, shouldFail: (key: { pk: string }) => boolean): Store {
  const send = ((command: unknown) => {
    if (command instanceof UpdateCommand && shouldFail(command.input.Key as { pk: string })) return Promise.reject(new InjectedFault('injected'));
    return store.doc.send(command as never);
  }) as Store['doc']['send'];
  return { ...store, doc: new Proxy(store.doc, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) }) };
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

let tableCounter = 0;
const client = () => new DynamoDBClient(localDynamoDbClientConfig(inject('dynamoDbEndpoint')));

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;
type Delivery = typeof delivery extends fc.Arbitrary<infer T> ? T : never;

/** How often each fault actually bit (a fault on an empty or caught-up shard does nothing). */
const faultsThatBit = { twice: 0, crashMidBatch: 0, failedScope: 0, redeliveredOld: 0, rereadFinished: 0, interleavedShards: 0 };
/** How often each kind of record the figures grew to count was written (a refused write does not count). */
const recordsWritten = { outputs: 0, reportedOutputs: 0, plans: 0, changedPlans: 0, partnerRefs: 0, national: 0, uncountedPackages: 0 };

async function runScenario(ops: Operation[], deliveries: Delivery[]): Promise<number> {
  const tableName = `chaos-${process.pid}-${tableCounter++}`;
  const raw = client();
  const created = await raw.send(new CreateTableCommand(createTableInput(tableName)));
  const streamArn = created.TableDescription!.LatestStreamArn!;
  const store: Store = {
    doc: createDocumentClient(localDynamoDbClientConfig(inject('dynamoDbEndpoint'))),
    tableName,
    cursorSecret: 'chaos',
    now: () => new Date(),
  };
  try {
    // 1. Random writes through the domain's own operations.
    const drives = [
      await createDrive(store, admin, { name: 'الف', startDate: '2026-01-01' }),
      await createDrive(store, admin, { name: 'ب', startDate: '2026-01-01' }),
    ];
    const partners = [
      await createPartner(store, admin, { name: `مجری ${tableName}`, kind: 'charity' }),
      await createPartner(store, admin, { name: `قرارگاه ${tableName}`, kind: 'military_affiliated' }),
      await createPartner(store, admin, { name: `بنیاد ${tableName}`, kind: 'government' }),
    ];
    const refs = (picks: number[]) => picks.map((i, k) => ({ partner: partners[i]!.id, role: k === 0 ? ('implementing' as const) : ('funding' as const) }));
    const projects: string[] = [];
    const plans: string[] = [];
    for (const op of ops) {
      const target = 'target' in op && projects.length ? projects[op.target % projects.length]! : undefined;
      try {
        switch (op.op) {
          case 'createProject': {
            const finished = op.status === 'completed' || op.status === 'operational';
            const p = await createProject(store, admin, {
              title: 'پروژه',
              category: op.category,
              ...op.place,
              status: op.status,
              progressPercent: finished ? 100 : op.progress,
              budgetToman: op.budget,
              loansToman: op.budget / 3n,
              jobsCreated: op.jobs,
              housingUnits: 1,
              beneficiaryHouseholds: 2,
              programme: op.programme,
              villages: op.villages,
              // A fixed counter's indicator (jobs) takes a target only.
              outputs: op.outputs.map((o) => (o.indicator === 'jobs' ? { indicator: o.indicator, target: o.actual } : o)),
              partners: refs(op.partners),
            });
            projects.push(p.id);
            if (op.outputs.length) recordsWritten.outputs++;
            if (op.partners.length) recordsWritten.partnerRefs++;
            if (op.place.province === 'IR') recordsWritten.national++;
            break;
          }
          case 'changeOutputs':
            if (target) {
              const p = await getProject(store, target);
              await updateProject(store, admin, target, p.version, {
                outputs: op.outputs.map((o) => (o.indicator === 'jobs' ? { indicator: o.indicator, target: o.actual } : o)),
                partners: refs(op.partners),
              });
            }
            break;
          case 'reportOutputs':
            if (target) {
              await reportProgress(store, admin, target, { progressPercent: op.progress, outputs: [{ indicator: 'qanats', actual: op.actual }] });
              recordsWritten.reportedOutputs++;
            }
            break;
          case 'plan': {
            const made = await createPlan(store, admin, {
              programme: op.programme,
              province: op.place.province,
              indicator: op.indicator,
              target: op.target,
              from: '2026-03-21',
              to: '2027-03-20',
            });
            plans.push(made.id);
            recordsWritten.plans++;
            break;
          }
          case 'changePlan':
            if (plans.length) {
              const id = plans[op.target % plans.length]!;
              const plan = await getPlan(store, id);
              await updatePlan(store, admin, id, plan.version, { target: op.amount, programme: op.programme });
              recordsWritten.changedPlans++;
            }
            break;
          case 'moveProject':
            if (target) {
              const p = await getProject(store, target);
              await updateProject(store, admin, target, p.version, op.place);
            }
            break;
          case 'changeProject':
            if (target) {
              const p = await getProject(store, target);
              const finished = op.status === 'completed' || op.status === 'operational';
              await updateProject(store, admin, target, p.version, {
                status: op.status,
                budgetToman: op.budget,
                ...(finished ? { progressPercent: 100 } : {}),
              });
            }
            break;
          case 'reportProgress':
            if (target) await reportProgress(store, admin, target, { progressPercent: op.progress });
            break;
          case 'deleteProject':
            if (target) {
              await deleteProject(store, admin, target);
              projects.splice(projects.indexOf(target), 1);
            }
            break;
          case 'donate':
            await recordDonation(store, admin, {
              driveId: drives[op.drive]!.id,
              ...op.place,
              kind: op.cash ? 'cash' : 'in_kind',
              amountToman: op.amount + 1n,
              channel: 'صندوق',
              ...(op.cash ? {} : { items: [{ name: 'برنج', quantity: 1, unit: 'کیسه' }] }),
            });
            break;
          case 'distribute':
            await recordDistribution(store, admin, {
              driveId: drives[op.drive]!.id,
              ...op.place,
              kind: 'livelihood_package',
              ...(op.packages === undefined ? {} : { packages: op.packages }),
              households: op.packages ?? 0,
              valueToman: op.value,
              partners: refs(op.partners),
            });
            if (op.packages === undefined) recordsWritten.uncountedPackages++;
            break;
        }
      } catch (error) {
        // A domain refusal (e.g. progress on a cancelled project) is part of the scenario, not a fault.
        if (!(error instanceof Error && 'kind' in error)) throw error;
      }
    }

    // 2. The real stream, split over two shards by item, order kept within each; each shard
    //    rotates: its records go to GENERATIONS shards in turn, each the child of the one before.
    const records: ChangeRecord[] = (await readWholeStream(inject('dynamoDbEndpoint'), streamArn)).map((r) => toChangeRecord(r as DynamoDBRecord));
    const shards: ChangeRecord[][] = [[], []];
    for (const record of records) shards[hash(String(record.keys.pk)) % 2]!.push(record);
    const position = [0, 0];
    const shardId = (shard: number, generation: number) => `shardId-${String(generation).padStart(20, '0')}-${shard === 0 ? 'aaaa' : 'bbbb'}`;
    const listing: ShardInfo[] = [0, 1].flatMap((shard) =>
      Array.from({ length: GENERATIONS }, (_, g) => ({ shardId: shardId(shard, g), ...(g > 0 ? { parentShardId: shardId(shard, g - 1) } : {}) })),
    );
    /** The generation that holds the shard's record at `index`, and where that generation's records start and end. */
    const generationAt = (shard: number, index: number) => {
      const length = shards[shard]!.length;
      const generation = Math.min(GENERATIONS - 1, Math.floor((index * GENERATIONS) / Math.max(1, length)));
      const bound = (g: number) => Math.ceil((g * length) / GENERATIONS);
      return { id: shardId(shard, generation), start: bound(generation), end: Math.min(length, bound(generation + 1)) };
    };
    // Lambda reads a child only once its parent is done, so a batch never crosses generations,
    // and a redelivery never reaches back into a finished parent.
    const apply = (store: Store, generation: { id: string }, batch: ChangeRecord[]) =>
      applyStreamBatch(store, generation.id, batch, { finishedShards: ancestorsOf(listing, generation.id) });

    // 3. Delivery with faults, then a clean drain in large batches (Lambda eventually gets through).
    const deliver = async (shard: number, step: Delivery | undefined) => {
      const list = shards[shard]!;
      const start = position[shard]!;
      const fault = step?.fault ?? { kind: 'none' as const };
      const generation = generationAt(shard, Math.min(start, Math.max(0, list.length - 1)));
      if (fault.kind === 'redeliverOld') {
        // An old batch of the open shard comes again, even after the shard caught up.
        const result = await apply(store, generation, list.slice(Math.max(generation.start, start - fault.back), start));
        if (result.alreadyApplied.length) faultsThatBit.redeliveredOld++;
        return;
      }
      if (fault.kind === 'rereadFinished') {
        // The first records of the shard's first generation, once a later generation has delivered.
        const first = generationAt(shard, 0);
        if (start <= first.end || first.id === generation.id) return;
        const result = await apply(store, first, list.slice(first.start, Math.min(first.end, first.start + fault.size)));
        expect(result.applied, 'a finished shard’s records read anew').toEqual([]);
        if (result.shardFinished) faultsThatBit.rereadFinished++;
        return;
      }
      if (start >= list.length) return;
      const batch = list.slice(start, Math.min(start + (step?.size ?? 100), generation.end));
      const advanceTo = (failures: { sequenceNumber: string }[]) => {
        if (failures.length === 0) position[shard] = start + batch.length;
        else {
          const lowest = failures.map((f) => f.sequenceNumber).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
          position[shard] = list.findIndex((r) => r.sequenceNumber === lowest);
        }
      };
      switch (fault.kind) {
        case 'none':
          advanceTo((await apply(store, generation, batch)).failed);
          break;
        case 'twice': {
          await apply(store, generation, batch);
          const again = await apply(store, generation, batch);
          if (again.alreadyApplied.length) faultsThatBit.twice++;
          advanceTo(again.failed);
          break;
        }
        case 'crash': {
          // Some scope updates land, then the invocation dies: Lambda retries the whole batch later.
          let allowed = fault.after;
          const result = await apply(
            faultyStore(store, () => allowed-- <= 0),
            generation,
            batch,
          );
          if (result.applied.length && result.failed.length) faultsThatBit.crashMidBatch++;
          break;
        }
        case 'failScope': {
          const doomed = keys.aggregate(scopes.province(PROVINCES[fault.pick % PROVINCES.length]!)).pk;
          const result = await apply(
            faultyStore(store, (key) => key.pk === doomed),
            generation,
            batch,
          );
          if (result.failed.length) faultsThatBit.failedScope++;
          advanceTo(result.failed);
          break;
        }
      }
    };
    const shardsMoved = new Set<number>();
    for (const step of deliveries) {
      if (position[step.shard]! < shards[step.shard]!.length) shardsMoved.add(step.shard);
      await deliver(step.shard, step);
    }
    if (shardsMoved.size === 2) faultsThatBit.interleavedShards++;
    for (let guard = 0; guard < 1000 && (position[0]! < shards[0]!.length || position[1]! < shards[1]!.length); guard++) {
      await deliver(guard % 2, undefined);
    }

    // 4. The invariant.
    const counted = await recount(store, 2);
    const plain = (m: Map<string, Counters>) =>
      Object.fromEntries(
        [...m]
          .map(([scope, c]) => [scope, Object.fromEntries([...c].filter(([, v]) => v !== 0n).map(([k, v]) => [k, String(v)]))])
          .filter(([, c]) => Object.keys(c as object).length),
      );
    expect(plain(new Map([...counted.stored].map(([scope, a]) => [scope, a.counters])))).toEqual(plain(counted.expected));
    expect(counted.invalid).toEqual([]);
    // A shard's mark goes with the first update from its child: no aggregate keeps an ancestor's mark beside a descendant's.
    for (const aggregate of counted.stored.values()) {
      for (const shard of aggregate.marks.keys())
        expect(
          ancestorsOf(listing, shard).filter((a) => aggregate.marks.has(a)),
          aggregate.scope,
        ).toEqual([]);
    }
    return records.length;
  } finally {
    await raw.send(new DeleteTableCommand({ TableName: tableName }));
    raw.destroy();
  }
}

describe('aggregation chaos', () => {
  it(`every aggregate equals the recount after ${RUNS} runs of faulty delivery`, { timeout: TIME_LIMIT_MS }, async () => {
    let records = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 4, maxLength: 20, size: 'medium' }),
        fc.array(delivery, { minLength: 4, maxLength: 30, size: 'medium' }),
        async (ops, deliveries) => {
          records += await runScenario(ops, deliveries);
        },
      ),
      // Shrinking a failure can take longer than the runs: stop in time to report the seed and the smallest case found.
      { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS - 20_000, markInterruptAsFailure: true },
    );
    expect(records).toBeGreaterThan(2 * RUNS); // more than the two drives each run creates
    // Every failure mode happened, and not as a no-op (a short local run, CHAOS_RUNS below 20, may miss one).
    if (RUNS >= 20) for (const [fault, count] of Object.entries(faultsThatBit)) expect(count, fault).toBeGreaterThan(0);
    // Outputs, plans, partners, the country and unknown counts all went through the faulty delivery.
    if (RUNS >= 20) for (const [kind, count] of Object.entries(recordsWritten)) expect(count, kind).toBeGreaterThan(0);
  });
});
