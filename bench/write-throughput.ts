import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, donationInput, parseInput, resolveCounty, type DonationFields } from '@abad/core';
import { indexKeys, keys } from '@abad/core/table/keys';
import { newId } from '@abad/core/store/ids';
import { listingKey } from '@abad/core/store/items';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import type { LocalStack } from '@abad/local/stack';
import { requireStack, type Benchmark } from './benchmark.ts';
import { countApiDynamoDbRequests } from './dynamodb-requests.ts';
import { fmt, runSeries, throughput, type Series, type Throughput } from './stats.ts';

/**
 * What the API costs over the bare database: the same donations posted through the HTTP API
 * (token check, event conversion, middy, zod, the drive lookup, the conditional put) and
 * written straight to DynamoDB Local with one conditional PutItem each, at the same
 * concurrency, in the same run, against the same table.
 */
const CONCURRENCY = 16;
const WARMUP = 100;
const ROUNDS = 4;
const DEFAULT_DONATIONS = 2_000;
const MAX_DONATIONS = 100_000; // keeps a mistyped BENCH_DONATIONS from running for hours
const REQUEST_TIMEOUT_MS = 30_000;
const PROVINCE = 'IR-13';
const OPERATOR = 'bench-operator';
/** The goals for the path real users take (the web forms always send a key). */
const KEY_RATIO_GOAL = 0.6;
/** At most what it was before drives were kept in memory (GetItem and PutItem): it must not grow. */
const KEY_REQUESTS_GOAL = 2;

function donationCount(): number {
  const raw = process.env.BENCH_DONATIONS;
  if (raw === undefined || raw === '') return DEFAULT_DONATIONS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < ROUNDS || n > MAX_DONATIONS)
    throw new Error(`BENCH_DONATIONS must be an integer from ${ROUNDS} to ${MAX_DONATIONS}, not "${raw}"`);
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
  const sortKey = listingKey({ createdAt: now, id });
  return {
    ...keys.donation(id),
    ...indexKeys.driveRecord('Donation', { id, province: fields.province, driveId: fields.driveId }, sortKey),
    type: 'Donation',
    ...fields,
    ...resolveCounty(fields.province, fields.county),
    id,
    version: 1,
    createdAt: now,
    updatedAt: now,
    createdBy: OPERATOR,
  };
}

async function post(
  stack: LocalStack,
  path: string,
  token: string,
  body: unknown,
  signal: AbortSignal,
  headers: Record<string, string> = {},
): Promise<{ id: string }> {
  // The stack names itself `localhost` (its token issuer URL) but listens on 127.0.0.1: go
  // there directly rather than let the resolver try ::1 first.
  const url = new URL(path, stack.url);
  url.hostname = '127.0.0.1';
  const response = await fetch(url, {
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

      let lastApiId = '';
      const viaApi = async () => void (lastApiId = (await post(stack, '/donations', operator, body, signal)).id);
      // A new key on every request: this measures keeping the record, not answering replays.
      const run = randomUUID();
      let keyNumber = 0;
      const viaApiWithKey = async () => void (await post(stack, '/donations', operator, body, signal, { 'idempotency-key': `bench-${run}-${keyNumber++}` }));
      let lastRawKey = keys.donation('');
      const raw = async () => {
        const item = donationItem(fields);
        lastRawKey = { pk: item.pk, sk: item.sk };
        await doc.send(new PutCommand({ TableName: stack.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }), { abortSignal: signal });
      };
      const rawPath: Path = { label: 'raw PutItem', task: raw, series: [], requests: {} };
      const apiPath: Path = { label: 'HTTP API', task: viaApi, series: [], requests: {} };
      const keyPath: Path = { label: 'HTTP API + Idempotency-Key', task: viaApiWithKey, series: [], requests: {} };
      const paths = [rawPath, apiPath, keyPath];

      // Warm-up (not measured): handler modules loaded, JIT warm, connections open on every path.
      progress(`warming up: ${WARMUP} writes on each path`);
      for (const path of paths) await runSeries(WARMUP, CONCURRENCY, path.task, signal);

      // The paths take turns, in rounds with the order reversed every other round, so a
      // neighbour's load on this shared machine or DynamoDB Local's JIT warming up does not
      // land on one path only. Every write feeds the aggregator through the stream; a series
      // starts once earlier records have gone through, so none pays for another's aggregation.
      for (let round = 0; round < ROUNDS; round++) {
        const size = Math.floor((n * (round + 1)) / ROUNDS) - Math.floor((n * round) / ROUNDS);
        progress(`round ${round + 1} of ${ROUNDS}: ${size} writes on each path`);
        for (const path of round % 2 === 0 ? paths : [...paths].reverse()) {
          await stack.streamDrained();
          const requests = countApiDynamoDbRequests();
          path.series.push(await runSeries(size, CONCURRENCY, path.task, signal));
          for (const [operation, count] of Object.entries(requests())) path.requests[operation] = (path.requests[operation] ?? 0) + count;
        }
      }

      // The comparison is only fair if both paths store the same thing.
      const apiItem = (await doc.send(new GetCommand({ TableName: stack.tableName, Key: keys.donation(lastApiId), ConsistentRead: true }))).Item;
      const rawItem = (await doc.send(new GetCommand({ TableName: stack.tableName, Key: lastRawKey, ConsistentRead: true }))).Item;
      const apiAttributes = Object.keys(apiItem ?? {}).sort();
      const rawAttributes = Object.keys(rawItem ?? {}).sort();
      if (!apiItem || JSON.stringify(apiAttributes) !== JSON.stringify(rawAttributes)) {
        throw new Error(`API and raw items differ: API [${apiAttributes.join(', ')}], raw [${rawAttributes.join(', ')}]`);
      }

      const [rawT, apiT, keyT] = [throughput(rawPath.series), throughput(apiPath.series), throughput(keyPath.series)];
      const ratio = apiT.perSecond / rawT.perSecond;
      const keyRatio = keyT.perSecond / rawT.perSecond;
      const keyRequests = Object.values(keyPath.requests).reduce((sum, x) => sum + x, 0) / n;
      // Each round's own ratio (equal counts, so the inverse ratio of times): their spread shows
      // how much the machine's other load moved the figures.
      const roundRatios = (path: Path) => path.series.map((s, i) => rawPath.series[i]!.seconds / s.seconds);
      const row = (label: string, t: Throughput) =>
        `${label.padEnd(28)}${fmt(t.perSecond).padStart(10)}${fmt(t.latencyMs.p50).padStart(10)}${fmt(t.latencyMs.p99).padStart(10)}`;
      const report = [
        `${fmt(n, 0)} donations per path at concurrency ${CONCURRENCY}, in ${ROUNDS} alternating rounds, after ${WARMUP} unmeasured warm-up writes per path`,
        '',
        `${'path'.padEnd(28)}${'items/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}`,
        row(apiPath.label, apiT),
        row(keyPath.label, keyT),
        row(rawPath.label, rawT),
        '',
        `API ÷ raw:                    ${fmt(ratio, 3)}   (rounds: ${roundRatios(apiPath)
          .map((r) => fmt(r, 2))
          .join(', ')})`,
        `API + Idempotency-Key ÷ raw:  ${fmt(keyRatio, 3)}   (rounds: ${roundRatios(keyPath)
          .map((r) => fmt(r, 2))
          .join(', ')})`,
        '',
        'DynamoDB requests per write (counted in-process, by operation; machine-independent):',
        `  HTTP API                    ${describe(apiPath.requests, n)}`,
        `  HTTP API + Idempotency-Key  ${describe(keyPath.requests, n)}`,
        `  raw PutItem                 1.00 (PutItem ×1.00, by construction)`,
        '  (API: the conditional PutItem of the donation; the drive is read, eventually consistent, once per',
        '   container every 30 s (DRIVE_MEMORY_MS), so its GetItem is about 1 in 30 s × the write rate, not one a write;',
        "   with a key the same: the key decides the donation's id, so the conditional put is also the duplicate check.",
        '   Stream reads and aggregator writes run beside it, not counted.)',
        `Goals: idempotent API ÷ raw ≥ ${KEY_RATIO_GOAL} (${keyRatio >= KEY_RATIO_GOAL ? 'met' : 'NOT met'}); requests per idempotent write ≤ ${KEY_REQUESTS_GOAL} (${keyRequests <= KEY_REQUESTS_GOAL ? 'met' : 'NOT met'})`,
        `Stored items: the same ${apiAttributes.length} attributes on both paths.`,
      ];
      return {
        report,
        results: {
          donations: n,
          concurrency: CONCURRENCY,
          rounds: ROUNDS,
          warmup: WARMUP,
          api: { ...apiT, requestsPerWrite: perWrite(apiPath.requests, n) },
          apiWithIdempotencyKey: { ...keyT, requestsPerWrite: perWrite(keyPath.requests, n) },
          raw: { ...rawT, requestsPerWrite: { PutItem: 1 } },
          ratioApiToRaw: ratio,
          ratioApiWithKeyToRaw: keyRatio,
          ratioApiToRawByRound: roundRatios(apiPath),
          ratioApiWithKeyToRawByRound: roundRatios(keyPath),
          itemAttributes: apiAttributes,
        },
      };
    } finally {
      doc.destroy();
    }
  },
};

interface Path {
  label: string;
  task: () => Promise<void>;
  series: Series[];
  /** DynamoDB requests the API's handlers sent during this path's series, by operation. */
  requests: Record<string, number>;
}

function perWrite(counts: Record<string, number>, writes: number): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([operation, count]) => [operation, count / writes]));
}

function describe(counts: Record<string, number>, writes: number): string {
  const total = Object.values(counts).reduce((s, x) => s + x, 0) / writes;
  const parts = Object.entries(perWrite(counts, writes)).map(([operation, x]) => `${operation} ×${fmt(x, 2)}`);
  return `${fmt(total, 2)} (${parts.join(', ') || 'none counted'})`;
}
