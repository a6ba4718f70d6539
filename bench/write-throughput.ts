import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, donationInput, parseInput, type DonationFields } from '@abad/core';
import { indexKeys, keys } from '@abad/core/table/keys';
import { newId } from '@abad/core/store/ids';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import type { LocalStack } from '@abad/local/stack';
import { requireStack, type Benchmark } from './benchmark.ts';
import { countApiDynamoDbRequests } from './dynamodb-requests.ts';
import { fmt, runSeries, type SeriesResult } from './stats.ts';

/**
 * What the API costs over the bare database: the same donations posted through the HTTP API
 * (token check, event conversion, middy, zod, the drive lookup, the conditional put) and
 * written straight to DynamoDB Local with one conditional PutItem each, at the same
 * concurrency, in the same run, against the same table.
 */
const CONCURRENCY = 16;
const WARMUP = 100;
const DEFAULT_DONATIONS = 2_000;
const MAX_DONATIONS = 100_000; // keeps a mistyped BENCH_DONATIONS from running for hours
const REQUEST_TIMEOUT_MS = 30_000;
const PROVINCE = 'IR-13';
const OPERATOR = 'bench-operator';

function donationCount(): number {
  const raw = process.env.BENCH_DONATIONS;
  if (raw === undefined || raw === '') return DEFAULT_DONATIONS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_DONATIONS) throw new Error(`BENCH_DONATIONS must be an integer from 1 to ${MAX_DONATIONS}, not "${raw}"`);
  return n;
}

/** The body a collection point sends, as in the tests: Persian digits and Arabic letters to normalize. */
function donationBody(driveId: string) {
  return {
    driveId,
    province: PROVINCE,
    county: 'همدان',
    kind: 'cash',
    amountToman: '۵٬۰۰۰٬۰۰۰',
    donor: { name: 'علي رضايي', phone: '۰۹۱۲۳۴۵۶۷۸۹' },
    channel: 'مسجد جامع',
  };
}

/**
 * The item the API stores for a donation, built from core's keys like the store does (which
 * keeps its builder private); the shape check below fails the run if the two ever differ.
 */
function donationItem(fields: DonationFields) {
  const id = newId();
  const now = new Date().toISOString();
  return {
    ...keys.donation(id),
    ...indexKeys.byProvince(fields.province, 'Donation', id),
    ...indexKeys.byDrive(fields.driveId, 'Donation', id),
    ...indexKeys.byType('Donation', id),
    type: 'Donation',
    ...fields,
    id,
    version: 1,
    createdAt: now,
    updatedAt: now,
    createdBy: OPERATOR,
  };
}

async function post(stack: LocalStack, path: string, token: string, body: unknown, signal: AbortSignal, headers: Record<string, string> = {}): Promise<{ id: string }> {
  const response = await fetch(new URL(path, stack.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { id: string };
}

export const benchmark: Benchmark = {
  name: 'write-throughput',
  title: 'Write throughput: donations through the HTTP API vs. raw PutItem',
  async run(context) {
    const { signal, progress } = context;
    const stack = requireStack(context);
    const n = donationCount();
    const doc = createDocumentClient(localDynamoDbClientConfig(stack.dynamoDbEndpoint));
    try {
      const admin = await stack.issuer.mintToken({ subject: 'bench-admin', role: 'admin', provinces: '*' });
      const operator = await stack.issuer.mintToken({ subject: OPERATOR, role: 'operator', provinces: [PROVINCE] });
      const { id: driveId } = await post(stack, '/drives', admin, { name: 'پویش سنجش', startDate: '2026-01-01' }, signal);
      const body = donationBody(driveId);
      const fields = parseInput(donationInput, body); // once: the raw path measures the database write alone

      // Each request gets its own key: this measures the cost of keeping the record, not of replays.
      const run = randomUUID();
      let lastApiId = '';
      const viaApi = async () => void (lastApiId = (await post(stack, '/donations', operator, body, signal)).id);
      const viaApiWithKey = (i: number) => post(stack, '/donations', operator, body, signal, { 'idempotency-key': `bench-${run}-${i}` }).then(() => {});
      let lastRawKey = keys.donation('');
      const raw = async () => {
        const item = donationItem(fields);
        lastRawKey = { pk: item.pk, sk: item.sk };
        await doc.send(new PutCommand({ TableName: stack.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }), { abortSignal: signal });
      };

      // Warm-up (not measured): handler modules loaded, JIT warm, connections open on every path.
      progress(`warming up: ${WARMUP} writes on each path`);
      await runSeries(WARMUP, CONCURRENCY, viaApi, signal);
      await runSeries(WARMUP, CONCURRENCY, (i) => viaApiWithKey(-1 - i), signal);
      await runSeries(WARMUP, CONCURRENCY, raw, signal);

      // Every write feeds the aggregator through the stream; each series starts once the
      // previous one's records have gone through, so none pays for another's aggregation.
      const measure = async (label: string, task: (i: number) => Promise<void>) => {
        await stack.streamDrained();
        progress(`${label}: ${n} writes at concurrency ${CONCURRENCY}`);
        const requests = countApiDynamoDbRequests();
        const series = await runSeries(n, CONCURRENCY, task, signal);
        return { series, requestsPerWrite: perWrite(requests(), n) };
      };
      const rawResult = await measure('raw PutItem', raw);
      const apiResult = await measure('HTTP API', viaApi);
      const keyResult = await measure('HTTP API + Idempotency-Key', viaApiWithKey);

      // The comparison is only fair if both paths store the same thing.
      const apiItem = (await doc.send(new GetCommand({ TableName: stack.tableName, Key: keys.donation(lastApiId), ConsistentRead: true }))).Item;
      const rawItem = (await doc.send(new GetCommand({ TableName: stack.tableName, Key: lastRawKey, ConsistentRead: true }))).Item;
      const apiAttributes = Object.keys(apiItem ?? {}).sort();
      const rawAttributes = Object.keys(rawItem ?? {}).sort();
      if (!apiItem || JSON.stringify(apiAttributes) !== JSON.stringify(rawAttributes)) {
        throw new Error(`API and raw items differ: API [${apiAttributes.join(', ')}], raw [${rawAttributes.join(', ')}]`);
      }

      const rows: [string, SeriesResult][] = [
        ['HTTP API', apiResult.series],
        ['HTTP API + Idempotency-Key', keyResult.series],
        ['raw PutItem', rawResult.series],
      ];
      const ratio = apiResult.series.perSecond / rawResult.series.perSecond;
      const keyRatio = keyResult.series.perSecond / rawResult.series.perSecond;
      const report = [
        `${fmt(n, 0)} donations per series, concurrency ${CONCURRENCY}, after ${WARMUP} unmeasured warm-up writes per path; order: raw, API, API + key`,
        '',
        `${'path'.padEnd(28)}${'items/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}`,
        ...rows.map(([label, s]) => `${label.padEnd(28)}${fmt(s.perSecond).padStart(10)}${fmt(s.latencyMs.p50).padStart(10)}${fmt(s.latencyMs.p99).padStart(10)}`),
        '',
        `API ÷ raw:                    ${fmt(ratio, 3)}`,
        `API + Idempotency-Key ÷ raw:  ${fmt(keyRatio, 3)}`,
        '',
        'DynamoDB requests per write (counted in-process, by operation; machine-independent):',
        `  HTTP API                    ${describe(apiResult.requestsPerWrite)}`,
        `  HTTP API + Idempotency-Key  ${describe(keyResult.requestsPerWrite)}`,
        `  raw PutItem                 1 (PutItem ×1, by construction)`,
        '  (API: GetItem of the drive, conditional PutItem of the donation; with a key, Powertools',
        '   adds a conditional PutItem of the in-progress idempotency record and an UpdateItem',
        '   storing the response. Stream reads and aggregator writes run beside it, not counted.)',
        `Stored items: same ${apiAttributes.length} attributes on both paths.`,
      ];
      return {
        report,
        results: {
          donations: n,
          concurrency: CONCURRENCY,
          warmup: WARMUP,
          api: apiResult,
          apiWithIdempotencyKey: keyResult,
          raw: rawResult.series,
          ratioApiToRaw: ratio,
          ratioApiWithKeyToRaw: keyRatio,
          itemAttributes: apiAttributes,
        },
      };
    } finally {
      doc.destroy();
    }
  },
};

function perWrite(counts: Record<string, number>, writes: number): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([operation, count]) => [operation, count / writes]));
}

function describe(perWrite: Record<string, number>): string {
  const total = Object.values(perWrite).reduce((s, x) => s + x, 0);
  const parts = Object.entries(perWrite).map(([operation, x]) => `${operation} ×${fmt(x, 2)}`);
  return `${fmt(total, 2)} (${parts.join(', ') || 'none counted'})`;
}
