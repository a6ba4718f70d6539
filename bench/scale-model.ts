import { performance } from 'node:perf_hooks';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { countiesOf, createDocumentClient, PROVINCES } from '@abad/core';
import { TABLE } from '@abad/core/table/definition';
import { indexKeys, SORT_KEYS } from '@abad/core/table/keys';
import { FIGURES_MAX_AGE_SECONDS } from '@abad/functions/http/public-figures';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import type { LocalStack } from '@abad/local/stack';
import { runRefreshSteps } from '@abad/local/refresh-steps';
import { listShards } from '@abad/local/stream-shards';
import { requireStack, type Benchmark } from './benchmark.ts';
import {
  INDEX_LABELS,
  aggregateUpdatesPerSecond,
  costDollars,
  hottestKeys,
  type IndexLabel,
  type Item,
  itemSize,
  marksAfter,
  mark,
  originShare,
  partitionKeysOf,
  perSecondAt,
  PRICES,
  Tally,
  writeUnits,
} from './scale-model-math.ts';
import { largestAggregate, operationCounts, startRecording, stopRecording, tallyOf, withSource } from './scale-model-recorder.ts';
import { fmt } from './stats.ts';
import { donationTraffic } from './traffic.ts';

/**
 * The scale model (issue 11): a reduced, shaped drive day through the real code paths on
 * DynamoDB Local — donations over HTTP (40% Tehran; a national drive and a Tehran drive),
 * projects and progress reports, the stream aggregator, public reads, one split refresh —
 * with every DynamoDB request recorded by source, operation, index and partition key
 * (scale-model-recorder.ts), then extrapolated to the national drive day.
 */
const DONATIONS = Number(process.env.BENCH_SCALE_DONATIONS || 1_200);
const PROJECTS = 6;
const REPORTS_PER_PROJECT = 2;
const CONCURRENCY = 8;
const THROUGHPUT_RECORDS = 2_000;
const TEHRAN = 'IR-23';

/** The scenario. */
const DAY = { donations: 10_000_000, peakPerSecond: 5_000, viewers: 1_000_000, pollSeconds: 4, projectsPerYear: 50_000, reportsPerYear: 500_000 };
/** Model assumptions (README «Benchmarks»). */
const MODEL = {
  /** The aggregator's BatchSize (stacks/aggregator.ts). */
  batchSize: 100,
  /** Stream shards at the peak and how often they rotate: the marks an aggregate carries after 48 h. */
  streamShards: 20,
  rotationHours: 4,
  windowHours: 48,
  /** CloudFront edge locations asking the origin for each URL (no origin shield). */
  edges: 50,
  /** Share of the dashboards on each page: all poll `GET /provinces`; 10% a province; 10% the drive. */
  provinceShare: 0.1,
  driveShare: 0.1,
};
const LIMITS = { write: 1_000, read: 3_000 };
const GOALS = { write: 500, read: 1_500, aggregateBytes: 8 * 1024 };

async function call(
  stack: LocalStack,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; json: { id: string } & Record<string, unknown>; headers: Headers }> {
  const url = new URL(path, stack.url);
  url.hostname = '127.0.0.1';
  const response = await fetch(url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
}

async function created(stack: LocalStack, path: string, token: string, body: unknown): Promise<string> {
  const r = await call(stack, 'POST', path, token, body);
  if (r.status !== 201) throw new Error(`POST ${path} answered ${r.status}: ${JSON.stringify(r.json).slice(0, 400)}`);
  return r.json.id;
}

const OTHER_PROVINCES = PROVINCES.map((p) => p.code).filter((c) => c !== TEHRAN);

/** The i-th donation of the day: 40% Tehran (half of those in the Tehran drive), the rest spread over the other provinces. */
function donation(i: number, national: string, tehranDrive: string) {
  const tehran = i % 10 < 4;
  const province = tehran ? TEHRAN : OTHER_PROVINCES[i % OTHER_PROVINCES.length]!;
  const counties = countiesOf(province as never);
  return {
    driveId: tehran && i % 2 === 0 ? tehranDrive : national,
    province,
    county: counties[(i * 7) % counties.length]!.name,
    kind: 'cash',
    amountToman: String(1_000_000 + (i % 50) * 100_000),
    donor: { name: 'علی رضایی', phone: '09123456789' },
    channel: 'مسجد جامع',
  };
}

function snapshot(t: Tally): Map<string, number> {
  return new Map([...t.units].map(([k, e]) => [k, e.units]));
}
/** Units per key added since the snapshot. */
function since(t: Tally, before: Map<string, number>): Map<string, number> {
  const added = new Map<string, number>();
  for (const [k, e] of t.units) if (e.units !== (before.get(k) ?? 0)) added.set(k, e.units - (before.get(k) ?? 0));
  return added;
}

const n0 = (x: number) => fmt(x, 0);

export const benchmark: Benchmark = {
  name: 'scale-model',
  title: 'Scale model: a reduced drive day, DynamoDB requests by key, extrapolated to 10 million donations',
  async run(context) {
    const { progress } = context;
    const stack = requireStack(context);
    const config = localDynamoDbClientConfig(stack.dynamoDbEndpoint);
    const doc = createDocumentClient(config);
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    const { handler: refreshHandler } = await import('@abad/functions/cron/refresh');

    // Setup, not counted: the tokens and the two drives.
    const admin = await stack.issuer.mintToken({ subject: 'scale-admin', role: 'admin', provinces: '*' });
    const national = await created(stack, '/drives', admin, { name: 'پویش ملی', startDate: '2026-03-01' });
    const tehranDrive = await created(stack, '/drives', admin, { name: 'پویش تهران', startDate: '2026-03-01', province: TEHRAN });

    startRecording(config);
    // 1. The donations, through the API.
    let next = 0;
    const postStarted = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < DONATIONS) {
          context.signal.throwIfAborted();
          const i = next++;
          await created(stack, '/donations', admin, donation(i, national, tehranDrive));
          if (i % 300 === 299) progress(`${i + 1} donations posted`);
        }
      }),
    );
    const postSeconds = (performance.now() - postStarted) / 1000;
    const donationWrites = snapshot(tallyOf('api'));

    // 2. Projects and progress reports.
    const projectProvinces = [TEHRAN, 'IR-13', 'IR-07', TEHRAN, 'IR-02', 'IR-30'];
    for (let p = 0; p < PROJECTS; p++) {
      const province = projectProvinces[p % projectProvinces.length] as never;
      const id = await created(stack, '/projects', admin, {
        title: 'بازسازی خانهٔ مددجو',
        category: 'housing',
        programme: `مسکن ${p % 2}`,
        province,
        county: countiesOf(province)[0]!.name,
        budgetToman: '62000000000',
        jobsCreated: 12,
        housingUnits: 1,
        beneficiaryHouseholds: 1,
      });
      for (let r = 0; r < REPORTS_PER_PROJECT; r++) await created(stack, `/projects/${id}/progress`, admin, { progressPercent: 20 + r * 30 });
    }
    const projectWork = since(tallyOf('api'), donationWrites);
    progress('waiting for the aggregator');
    await stack.streamDrained();

    // 3. Public reads, each after the containers' one-second memory has passed: what one origin request costs.
    const readCost = new Map<string, { units: Map<string, number>; cacheControl: string }>();
    for (const path of ['/provinces', `/provinces/${TEHRAN}`, `/drives/${national}`]) {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      const before = snapshot(tallyOf('api'));
      const r = await call(stack, 'GET', path, undefined);
      if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
      readCost.set(path, { units: since(tallyOf('api'), before), cacheControl: r.headers.get('cache-control') ?? '' });
    }

    // 4. One split refresh (plan, parts at once, merge), as `npm run refresh` runs it.
    progress('refresh');
    const refreshStarted = performance.now();
    await withSource('refresh', () => runRefreshSteps(refreshHandler as never, { quietSeconds: 0 }));
    const refreshSeconds = (performance.now() - refreshStarted) / 1000;

    // The aggregates as they are now (not counted).
    const aggregates: Item[] = [];
    await withSource('setup', async () => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start }));
        for (const item of page.Items ?? []) if (item[TABLE.sortKey] === SORT_KEYS.aggregate) aggregates.push(item as never);
        start = page.LastEvaluatedKey;
      } while (start);
    });
    const tableItems = await withSource('setup', async () => {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new ScanCommand({ TableName: stack.tableName, Select: 'COUNT', ExclusiveStartKey: start }));
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return count;
    });
    await stopRecording();
    const operations = operationCounts();

    // 5. The aggregator's pace, machine-dependent: records/s per stream shard against raw BatchWrite of the same items.
    progress('aggregator pace');
    const records = donationTraffic(THROUGHPUT_RECORDS, 91);
    const items = records.map((r) => {
      const image = r.newImage!;
      const id = String(image.id);
      return { ...image, ...indexKeys.driveRecord('Donation', { id, province: image.province as never, driveId: String(image.driveId) }, id), version: 1 };
    });
    await stack.streamDrained();
    const rawStarted = performance.now();
    let at = 0;
    await withSource('setup', () =>
      Promise.all(
        Array.from({ length: 8 }, async () => {
          while (at < items.length) {
            let requests: unknown[] = items.slice(at, (at += 25)).map((Item) => ({ PutRequest: { Item } }));
            while (requests.length) {
              const out = await doc.send(new BatchWriteCommand({ RequestItems: { [stack.tableName]: requests as never } }));
              requests = out.UnprocessedItems?.[stack.tableName] ?? [];
            }
          }
        }),
      ),
    );
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    await stack.streamDrained();
    const drainSeconds = (performance.now() - rawStarted) / 1000;
    const streams = new DynamoDBStreamsClient(config);
    const shards = (await listShards(streams, stack.streamArn)).length;
    streams.destroy();
    const rawPerSecond = THROUGHPUT_RECORDS / rawSeconds;
    const aggregatorPerSecond = THROUGHPUT_RECORDS / drainSeconds;

    // ---- Extrapolation ----
    const aggregator = tallyOf('aggregator');
    const refresh = tallyOf('refresh');
    // Donation-driven keys (not aggregates): linear in donations, at the peak.
    const donationTally = new Tally();
    for (const [k, units] of donationWrites) {
      const [kind, index, pk] = k.split('|') as ['read' | 'write', IndexLabel, string];
      donationTally.add(kind, index, pk, units);
    }
    const peak = new Tally();
    for (const e of donationTally.units.values()) peak.add(e.kind, e.index, e.pk, perSecondAt(e.units, DONATIONS, DAY.peakPerSecond));
    // Aggregates: one update per scope and batch, at the size 48 h of shard churn gives them.
    const projectedMarks = marksAfter(MODEL.streamShards, MODEL.rotationHours, MODEL.windowHours);
    let largestProjected = { pk: '', bytes: 0, marks: 0, measuredBytes: 0 };
    for (const item of aggregates) {
      const wire = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toWire(v)])) as Item;
      const bytes = itemSize(wire);
      const markNames = Object.keys(wire).filter((name) => name.startsWith('m#') || name.startsWith('t#'));
      const marks = markNames.filter((name) => name.startsWith('m#')).length;
      const markBytes = markNames.reduce((sum, name) => sum + itemSize({ [name]: wire[name]! }), 0);
      const perMark = marks ? markBytes / marks : 126;
      const projected = Math.round(bytes - markBytes + projectedMarks * perMark);
      if (projected > largestProjected.bytes) largestProjected = { pk: String(item.pk), bytes: projected, marks, measuredBytes: bytes };
      const share = Number(item['c#donations'] ?? 0) / DONATIONS;
      if (!(share > 0)) continue;
      const perSecond = aggregateUpdatesPerSecond(DAY.peakPerSecond, MODEL.batchSize, Math.min(1, share));
      for (const { index, pk } of partitionKeysOf(wire)) {
        peak.add('write', index, pk, perSecond * writeUnits(projected));
      }
    }
    // Reads: the dashboards, through CloudFront.
    const cached = (path: string) => /public/.test(readCost.get(path)!.cacheControl) && /max-age=\d/.test(readCost.get(path)!.cacheControl);
    const viewersOn: [string, number][] = [
      ['/provinces', DAY.viewers],
      [`/provinces/${TEHRAN}`, DAY.viewers * MODEL.provinceShare],
      [`/drives/${national}`, DAY.viewers * MODEL.driveShare],
    ];
    let viewerRps = 0;
    let originRps = 0;
    const originPerPath = new Map<string, number>();
    for (const [path, viewers] of viewersOn) {
      const o = cached(path)
        ? originShare({ viewers, pollSeconds: DAY.pollSeconds, urls: 1, edges: MODEL.edges, maxAgeSeconds: FIGURES_MAX_AGE_SECONDS })
        : { viewerRequestsPerSecond: viewers / DAY.pollSeconds, originRequestsPerSecond: viewers / DAY.pollSeconds };
      viewerRps += o.viewerRequestsPerSecond;
      originRps += o.originRequestsPerSecond;
      originPerPath.set(path, o.originRequestsPerSecond);
      for (const [k, units] of readCost.get(path)!.units) {
        const [kind, index, pk] = k.split('|') as ['read' | 'write', IndexLabel, string];
        peak.add(kind, index, pk, units * o.originRequestsPerSecond);
      }
    }
    let dashboardReadUnitsPerSecond = 0;
    for (const [path] of viewersOn) for (const units of readCost.get(path)!.units.values()) dashboardReadUnitsPerSecond += units * originPerPath.get(path)!;

    // The day's cost.
    const perDonationWrite = donationTally.total('write') / DONATIONS;
    const perDonationRead = donationTally.total('read') / DONATIONS;
    const dayBatches = DAY.donations / MODEL.batchSize;
    let aggregateUpdatesPerBatch = 0;
    let aggregateUnitsPerBatch = 0;
    for (const item of aggregates) {
      const share = Number(item['c#donations'] ?? 0) / DONATIONS;
      if (!(share > 0)) continue;
      const touched = 1 - (1 - Math.min(1, share)) ** MODEL.batchSize;
      const wire = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toWire(v)])) as Item;
      aggregateUpdatesPerBatch += touched;
      aggregateUnitsPerBatch +=
        touched * partitionKeysOf(wire).length * writeUnits(largestProjected.pk === String(item.pk) ? largestProjected.bytes : itemSize(wire));
    }
    const projectRequests = PROJECTS * (1 + REPORTS_PER_PROJECT);
    const projectUnits = { write: sumKind(projectWork, 'write') / projectRequests, read: sumKind(projectWork, 'read') / projectRequests };
    const projectRequestsPerDay = (DAY.projectsPerYear + DAY.reportsPerYear) / 365;
    const refreshPerItem = { write: refresh.total('write') / tableItems, read: refresh.total('read') / tableItems };
    const dayWrite =
      DAY.donations * perDonationWrite +
      dayBatches * aggregateUnitsPerBatch +
      projectRequestsPerDay * projectUnits.write +
      DAY.donations * refreshPerItem.write;
    const dayRead =
      DAY.donations * perDonationRead + dashboardReadUnitsPerSecond * 86_400 + projectRequestsPerDay * projectUnits.read + DAY.donations * refreshPerItem.read;
    const dayCost = costDollars(dayWrite, dayRead);

    // ---- Report ----
    const hotWrite = hottestKeys(peak, 'write');
    const hotRead = hottestKeys(peak, 'read');
    const rows: string[] = [];
    const table: Record<string, unknown>[] = [];
    for (const [kind, hot] of [
      ['write', hotWrite],
      ['read', hotRead],
    ] as const) {
      for (const index of INDEX_LABELS) {
        const h = hot.get(index);
        if (!h) continue;
        const limit = LIMITS[kind];
        const goal = GOALS[kind];
        rows.push(`| ${kind} | ${index} | \`${h.pk}\` | ${n0(h.units)} | ${n0(limit)} ${mark(h.units, limit)} | ${n0(goal)} ${mark(h.units, goal)} |`);
        table.push({ kind, index, pk: h.pk, unitsPerSecond: h.units, limit, goal });
      }
    }
    const largestSeen = largestAggregate();
    const seenMarks = Object.keys(largestSeen.item ?? {}).filter((n) => n.startsWith('m#')).length;
    const perIndexWrite = INDEX_LABELS.map((i) => `${i} ${fmt(donationTally.total('write', i) / DONATIONS, 2)}`).join(', ');
    const apiRequests = Object.entries(operations).filter(([k]) => k.startsWith('api '));
    const report = [
      `reduced day: ${DONATIONS} donations over HTTP in ${fmt(postSeconds, 1)} s (40% ${TEHRAN}), ${PROJECTS} projects, ${PROJECTS * REPORTS_PER_PROJECT} progress reports, 3 public reads, one split refresh (${fmt(refreshSeconds, 1)} s, ${tableItems} items)`,
      `DynamoDB requests recorded: ${Object.entries(operations)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      `per donation (machine-independent): ${fmt(apiRequests.reduce((s, [k, v]) => s + (k.endsWith('PutItem') || k.endsWith('GetItem') ? v : 0), 0) / DONATIONS, 3)} API requests (incl. the ${PROJECTS * (1 + REPORTS_PER_PROJECT)} project writes' reads); write units ${perIndexWrite}; read units ${fmt(perDonationRead, 3)}`,
      `aggregator in this run: ${fmt(aggregator.total('write') / DONATIONS, 3)} write units and ${fmt(aggregator.total('read') / DONATIONS, 3)} read units per donation (batches as small as the local pace makes them)`,
      `extrapolated to the peak (${n0(DAY.peakPerSecond)} POST /donations/s; aggregates: one update per scope per batch of ${MODEL.batchSize}, at their size after ${MODEL.windowHours} h of ${MODEL.streamShards} shards rotating every ${MODEL.rotationHours} h = ${projectedMarks} marks; dashboards through CloudFront):`,
      '',
      '| kind | index | hottest key | units/s at peak | per-key limit | goal (2× headroom) |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      `largest aggregate seen: ${largestSeen.pk} ${n0(largestSeen.bytes)} bytes with ${seenMarks} shard mark(s); ${largestProjected.pk} after ${MODEL.windowHours} h of churn: ${n0(largestProjected.bytes)} bytes (${projectedMarks} marks) ${mark(largestProjected.bytes, GOALS.aggregateBytes)} goal ${n0(GOALS.aggregateBytes)} bytes; ${n0(writeUnits(largestProjected.bytes))} write units an update`,
      `dashboards: ${n0(viewerRps)} polls/s; ${n0(originRps)} reach the API (${fmt((originRps / viewerRps) * 100, 2)}%): GET /provinces and /provinces/{code} cached ${FIGURES_MAX_AGE_SECONDS} s per edge (${MODEL.edges} edges), the drive page ${cached(`/drives/${national}`) ? 'cached' : `not cached (Cache-Control "${readCost.get(`/drives/${national}`)!.cacheControl}")`}; ${n0(dashboardReadUnitsPerSecond)} read units/s (each origin request priced as uncached by the container)`,
      `aggregator pace (machine-dependent): ${n0(aggregatorPerSecond)} records/s over ${shards} local stream shard(s) = ${n0(aggregatorPerSecond / shards)} per shard; raw BatchWrite of the same items ${n0(rawPerSecond)}/s; ratio ${fmt(aggregatorPerSecond / rawPerSecond, 2)}. The peak needs ${n0(DAY.peakPerSecond / MODEL.streamShards)} records/s per shard at ${MODEL.streamShards} shards`,
      `the day (${n0(DAY.donations)} donations): ${fmt(dayWrite / 1e6, 1)} M write units, ${fmt(dayRead / 1e6, 1)} M read units = $${fmt(dayCost, 2)} at on-demand list prices (us-east-1, DynamoDB Standard, $${PRICES.writePerMillion}/M writes, $${PRICES.readPerMillion}/M reads, as of ${PRICES.asOf}); aggregates ${fmt(aggregateUpdatesPerBatch, 1)} updates a batch, ${fmt((dayBatches * aggregateUnitsPerBatch) / 1e6, 1)} M units`,
    ];
    return {
      report,
      results: {
        donations: DONATIONS,
        operations,
        perDonation: { writeUnits: perDonationWrite, readUnits: perDonationRead },
        hottest: table,
        largestAggregate: { seen: { pk: largestSeen.pk, bytes: largestSeen.bytes, marks: seenMarks }, projected: largestProjected, projectedMarks },
        dashboards: { viewerRps, originRps, readUnitsPerSecond: dashboardReadUnitsPerSecond },
        aggregatorPace: { recordsPerSecond: aggregatorPerSecond, shards, rawPerSecond, ratio: aggregatorPerSecond / rawPerSecond },
        day: { writeUnits: dayWrite, readUnits: dayRead, dollars: dayCost, prices: PRICES },
        model: MODEL,
      },
    };
  },
};

function sumKind(units: Map<string, number>, kind: 'read' | 'write'): number {
  let sum = 0;
  for (const [k, u] of units) if (k.startsWith(`${kind}|`)) sum += u;
  return sum;
}

/** A document-client value back in the wire form, to size it as DynamoDB does. */
function toWire(value: unknown): Item[string] {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number' || typeof value === 'bigint') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null || value === undefined) return { NULL: true };
  if (value instanceof Uint8Array) return { B: value };
  if (value instanceof Set) return { SS: [...value].map(String) };
  if (Array.isArray(value)) return { L: value.map(toWire) };
  return { M: Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toWire(v)])) };
}
