import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { readAggregateItem } from '@abad/core/aggregation/aggregate-item';
import { MAX_COUNTERS_PER_UPDATE } from '@abad/core/aggregation/aggregate-update';
import {
  SHIPPED_INDICATORS,
  addScoped,
  applyStreamBatch,
  contribution,
  createDocumentClient,
  createTableInput,
  readAggregates,
  refreshAggregates,
  type ChangeRecord,
  type ScopedCounters,
  type Store,
} from '@abad/core';
import { keys } from '@abad/core/table/keys';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * A batch whose change to one aggregate is too large for one update expression (DynamoDB caps
 * it at 4 KB): here a place's breakdown, named by projects with many outputs and partners. It
 * goes in several updates, each moving the shard's mark, and is still counted exactly once
 * when the batch comes again, or when an invocation dies between two of those updates.
 */
const TABLE = `large-change-${process.pid}`;
const raw = new DynamoDBClient(localDynamoDbClientConfig(inject('dynamoDbEndpoint')));
const store: Store = {
  doc: createDocumentClient(localDynamoDbClientConfig(inject('dynamoDbEndpoint'))),
  tableName: TABLE,
  cursorSecret: 'x',
  now: () => new Date(),
};

const INDICATORS = SHIPPED_INDICATORS.filter((i) => i.additive && !i.field).map((i) => i.code);

/** 24 projects in Hamadan, each with 12 outputs and 20 partners of its own: about 3,000 breakdown counters. */
function records(): ChangeRecord[] {
  return Array.from({ length: 24 }, (_, n) => {
    const id = `01JLARGE${String(n).padStart(18, '0')}`;
    return {
      sequenceNumber: String(5_000_000_000_000_000_000n + BigInt(n)),
      keys: { ...keys.project(id) },
      newImage: {
        ...keys.project(id),
        type: 'Project',
        id,
        programme: `برنامهٔ ${n % 3}`,
        province: 'IR-13',
        countyCode: '1302',
        status: 'in_progress',
        category: 'water',
        progressPercent: 30,
        budgetToman: 1_000n + BigInt(n),
        loansToman: 0n,
        jobsCreated: 2,
        housingUnits: 0,
        beneficiaryHouseholds: 1,
        outputs: Array.from({ length: 12 }, (_, k) => ({ indicator: INDICATORS[(n + k) % INDICATORS.length]!, target: 10, actual: n + k })),
        partners: Array.from({ length: 20 }, (_, k) => ({ partner: `01JPARTNER${String(n * 20 + k).padStart(16, '0')}`, role: 'funding' })),
      },
    };
  });
}

/** The same store, whose UpdateItems fail after `allowed` of them (an invocation dying mid-batch). */
function dyingAfter(allowed: number): Store {
  let left = allowed;
  const send = ((command: unknown) => {
    if (command instanceof UpdateCommand && left-- <= 0) return Promise.reject(new Error('the invocation died'));
    return store.doc.send(command as never);
  }) as Store['doc']['send'];
  return { ...store, doc: new Proxy(store.doc, { get: (t, p, r) => (p === 'send' ? send : Reflect.get(t, p, r)) }) };
}

async function stored(scopes: string[]): Promise<Record<string, Record<string, string>>> {
  const items = await readAggregates(store, scopes);
  return Object.fromEntries(scopes.map((scope) => [scope, counted(readAggregateItem(items.get(scope) ?? { scope }).counters)]));
}

const counted = (counters: Map<string, bigint>) => Object.fromEntries([...counters].filter(([, v]) => v !== 0n).map(([k, v]) => [k, String(v)]));

beforeAll(async () => {
  await raw.send(new CreateTableCommand(createTableInput(TABLE)));
});

afterAll(async () => {
  await raw.send(new DeleteTableCommand({ TableName: TABLE }));
  raw.destroy();
});

describe('a change too large for one update', () => {
  it('goes in several updates, each moving the mark, and counts once through a crash and a redelivery', async () => {
    const batch = records();
    const expected: ScopedCounters = new Map();
    for (const record of batch) addScoped(expected, contribution(record.newImage));
    const breakdown = expected.get('BREAKDOWN#IR-13')!;
    expect(breakdown.size).toBeGreaterThan(4 * MAX_COUNTERS_PER_UPDATE); // the case under test: at least five updates

    // The first invocation dies after three updates (some scopes written, the breakdown partly).
    const crashed = await applyStreamBatch(dyingAfter(3), 'shardId-large', batch);
    expect(crashed.failed.length).toBeGreaterThan(0);
    // Lambda retries the batch, then delivers it once more.
    const retried = await applyStreamBatch(store, 'shardId-large', batch);
    expect(retried.failed).toEqual([]);
    expect(retried.writeRequests).toBeGreaterThan(expected.size); // the breakdown took several updates
    const again = await applyStreamBatch(store, 'shardId-large', batch);
    expect(again.failed).toEqual([]);
    expect(again.applied).toEqual([]);

    const scopes = [...expected.keys()];
    expect(await stored(scopes)).toEqual(Object.fromEntries(scopes.map((scope) => [scope, counted(expected.get(scope)!)])));
  });

  it('is repaired in several updates too: the refresh sets thousands of drifted counters back to the recount', async () => {
    // No item behind those stream records is in this table: the recount is zero everywhere, so every counter drifted.
    const report = await refreshAggregates(store, { quietMs: 0 });
    const breakdown = report.drift.find((d) => d.scope === 'BREAKDOWN#IR-13')!;
    expect(Object.keys(breakdown.differences).length).toBeGreaterThan(4 * MAX_COUNTERS_PER_UPDATE);
    expect(breakdown).toMatchObject({ repaired: true, reason: 'repaired' });
    expect(await stored(['BREAKDOWN#IR-13', 'PROVINCE#IR-13'])).toEqual({ 'BREAKDOWN#IR-13': {}, 'PROVINCE#IR-13': {} });
  });
});
