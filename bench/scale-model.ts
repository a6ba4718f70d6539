import { performance } from 'node:perf_hooks';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ancestorsOf, applyStreamBatch, countiesOf, createDocumentClient, PROVINCES, type ChangeRecord, type ShardInfo, type Store } from '@abad/core';
import { MARK_PREFIX } from '@abad/core/aggregation/aggregate-item';
import { TABLE } from '@abad/core/table/definition';
import { indexKeys, keys, SORT_KEYS } from '@abad/core/table/keys';
import { FIGURES_MAX_AGE_SECONDS } from '@abad/functions/http/public-figures';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import type { LocalStack } from '@abad/local/stack';
import { invokeRefreshStep, runRefreshSteps } from '@abad/local/refresh-steps';
import { REFRESH_ITEMS_PER_PART, REFRESH_SEGMENTS_PER_PART, refreshPartsFor } from '@abad/core/aggregation/refresh-run';
import { listShards } from '@abad/functions/stream/stream-shards';
import { requireStack, type Benchmark } from './benchmark.ts';
import {
  INDEX_LABELS,
  aggregateUpdatesPerSecond,
  costDollars,
  hottestKeys,
  type IndexLabel,
  type Item,
  itemSize,
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
  /** Stream shards at the peak and how often they rotate: the churn the aggregates go through in 48 h (run through the aggregator). */
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
    for (const path of ['/provinces', `/provinces/${TEHRAN}`, `/drives/${national}/figures`]) {
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

    // 5. 48 hours of shard churn through the aggregator (not counted): MODEL.streamShards lines of
    //    shards, each rotating every MODEL.rotationHours, every shard delivering a donation of the
    //    national drive in Tehran and its removal (net nothing), so the hot aggregates see every
    //    shard the stream would have had; their size is measured after it, marks and all.
    progress('shard churn');
    const churn = await withSource('setup', () =>
      shardChurn({ tableName: stack.tableName, doc, now: () => new Date(), cursorSecret: 'scale-model' } as Store, national),
    );

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

    // 6. The aggregator's pace, machine-dependent: records/s per stream shard against raw BatchWrite of the same items.
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

    // 7. The refresh's pace, machine-dependent: the whole table as one part (plan, the part, the
    //    merge, timed apart), projected to a part of REFRESH_ITEMS_PER_PART items.
    progress('refresh pace');
    const invokeRefresh = <T>(event: object) => invokeRefreshStep<T>(refreshHandler as never, event);
    const paced = await withSource('setup', async () => {
      const planned = await invokeRefresh<{ runId: string }>({ step: 'plan', quietSeconds: 0, parts: 1 });
      const partStarted = performance.now();
      const part = await invokeRefresh<{ itemsScanned: number; chunks: number }>({ step: 'part', runId: planned.runId, part: 0 });
      const partSeconds = (performance.now() - partStarted) / 1000;
      const mergeStarted = performance.now();
      await invokeRefresh({ step: 'merge', runId: planned.runId, summary: true });
      return { items: part.itemsScanned, partSeconds, mergeSeconds: (performance.now() - mergeStarted) / 1000 };
    });
    const secondsPerItem = paced.partSeconds / paced.items;
    const fullPartSeconds = secondsPerItem * REFRESH_ITEMS_PER_PART;
    const partsAt100M = refreshPartsFor(100_000_000);

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
    // Aggregates: one update per scope and batch, at the size they have after 48 h of shard churn.
    // Each sized once as DynamoDB sizes it, with its share of the donations (for the day's cost too).
    const sizedAggregates = aggregates.map((item) => {
      const wire = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toWire(v)])) as Item;
      return { item, wire, bytes: itemSize(wire), share: Number(item['c#donations'] ?? 0) / DONATIONS };
    });
    let largestAfterChurn = { pk: '', bytes: 0, marks: 0 };
    for (const { item, wire, bytes, share } of sizedAggregates) {
      const marks = Object.keys(wire).filter((name) => name.startsWith(MARK_PREFIX)).length;
      if (bytes > largestAfterChurn.bytes) largestAfterChurn = { pk: String(item.pk), bytes, marks };
      if (!(share > 0)) continue;
      const perSecond = aggregateUpdatesPerSecond(DAY.peakPerSecond, MODEL.batchSize, Math.min(1, share));
      for (const { index, pk } of partitionKeysOf(wire)) {
        peak.add('write', index, pk, perSecond * writeUnits(bytes));
      }
    }
    // Reads: the dashboards, through CloudFront.
    const cached = (path: string) => /public/.test(readCost.get(path)!.cacheControl) && /max-age=\d/.test(readCost.get(path)!.cacheControl);
    const viewersOn: [string, number][] = [
      ['/provinces', DAY.viewers],
      [`/provinces/${TEHRAN}`, DAY.viewers * MODEL.provinceShare],
      [`/drives/${national}/figures`, DAY.viewers * MODEL.driveShare],
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
    for (const { wire, bytes, share } of sizedAggregates) {
      if (!(share > 0)) continue;
      const touched = 1 - (1 - Math.min(1, share)) ** MODEL.batchSize;
      aggregateUpdatesPerBatch += touched;
      aggregateUnitsPerBatch += touched * partitionKeysOf(wire).length * writeUnits(bytes);
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
    const seenMarks = Object.keys(largestSeen.item ?? {}).filter((n) => n.startsWith(MARK_PREFIX)).length;
    const perIndexWrite = INDEX_LABELS.map((i) => `${i} ${fmt(donationTally.total('write', i) / DONATIONS, 2)}`).join(', ');
    const apiRequests = Object.entries(operations).filter(([k]) => k.startsWith('api '));
    const report = [
      `reduced day: ${DONATIONS} donations over HTTP in ${fmt(postSeconds, 1)} s (40% ${TEHRAN}), ${PROJECTS} projects, ${PROJECTS * REPORTS_PER_PROJECT} progress reports, 3 public reads, one split refresh (${fmt(refreshSeconds, 1)} s, ${tableItems} items)`,
      `DynamoDB requests recorded: ${Object.entries(operations)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      `per donation (machine-independent): ${fmt(apiRequests.reduce((s, [k, v]) => s + (k.endsWith('PutItem') || k.endsWith('GetItem') ? v : 0), 0) / DONATIONS, 3)} API requests (incl. the ${PROJECTS * (1 + REPORTS_PER_PROJECT)} project writes' reads); write units ${perIndexWrite}; read units ${fmt(perDonationRead, 3)}`,
      `aggregator in this run: ${fmt(aggregator.total('write') / DONATIONS, 3)} write units and ${fmt(aggregator.total('read') / DONATIONS, 3)} read units per donation (batches as small as the local pace makes them)`,
      `extrapolated to the peak (${n0(DAY.peakPerSecond)} POST /donations/s; aggregates: one update per scope per batch of ${MODEL.batchSize}, at their size after ${MODEL.windowHours} h of ${MODEL.streamShards} shards rotating every ${MODEL.rotationHours} h; dashboards through CloudFront):`,
      '',
      '| kind | index | hottest key | units/s at peak | per-key limit | goal (2× headroom) |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      `shard churn: ${churn.shards} shards (${MODEL.streamShards} at a time, ${churn.generations} generations), ${churn.batches} batches through the aggregator; the largest aggregate after it: ${largestAfterChurn.pk} ${n0(largestAfterChurn.bytes)} bytes with ${largestAfterChurn.marks} shard marks ${mark(largestAfterChurn.bytes, GOALS.aggregateBytes)} goal ${n0(GOALS.aggregateBytes)} bytes; ${n0(writeUnits(largestAfterChurn.bytes))} write units an update (largest seen during the run: ${largestSeen.pk} ${n0(largestSeen.bytes)} bytes, ${seenMarks} marks)`,
      `dashboards: ${n0(viewerRps)} polls/s; ${n0(originRps)} reach the API (${fmt((originRps / viewerRps) * 100, 2)}%): GET /provinces and /provinces/{code} cached ${FIGURES_MAX_AGE_SECONDS} s per edge (${MODEL.edges} edges), the drive page (GET /drives/{id}/figures) ${cached(`/drives/${national}/figures`) ? 'cached likewise' : `not cached (Cache-Control "${readCost.get(`/drives/${national}/figures`)!.cacheControl}")`}; ${n0(dashboardReadUnitsPerSecond)} read units/s (each origin request priced as uncached by the container)`,
      `aggregator pace (machine-dependent): ${n0(aggregatorPerSecond)} records/s over ${shards} local stream shard(s) = ${n0(aggregatorPerSecond / shards)} per shard; raw BatchWrite of the same items ${n0(rawPerSecond)}/s; ratio ${fmt(aggregatorPerSecond / rawPerSecond, 2)}. The peak needs ${n0(DAY.peakPerSecond / MODEL.streamShards)} records/s per shard at ${MODEL.streamShards} shards`,
      `refresh pace (machine-dependent, DynamoDB Local): one part scanned and counted ${n0(paced.items)} items in ${fmt(paced.partSeconds, 2)} s (${fmt(secondsPerItem * 1e6, 0)} µs an item), the merge took ${fmt(paced.mergeSeconds, 2)} s; at 100 M items the run has ${n0(partsAt100M)} parts of ${n0(REFRESH_ITEMS_PER_PART)} items (${REFRESH_SEGMENTS_PER_PART} segments each, run in parallel by the state machine's distributed Map): a part at this pace takes ${n0(fullPartSeconds)} s ${mark(fullPartSeconds, 300)} goal 300 s`,
      `the day (${n0(DAY.donations)} donations): ${fmt(dayWrite / 1e6, 1)} M write units, ${fmt(dayRead / 1e6, 1)} M read units = $${fmt(dayCost, 2)} at on-demand list prices (us-east-1, DynamoDB Standard, $${PRICES.writePerMillion}/M writes, $${PRICES.readPerMillion}/M reads, as of ${PRICES.asOf}); aggregates ${fmt(aggregateUpdatesPerBatch, 1)} updates a batch, ${fmt((dayBatches * aggregateUnitsPerBatch) / 1e6, 1)} M units`,
    ];
    return {
      report,
      results: {
        donations: DONATIONS,
        operations,
        perDonation: { writeUnits: perDonationWrite, readUnits: perDonationRead },
        hottest: table,
        largestAggregate: { seen: { pk: largestSeen.pk, bytes: largestSeen.bytes, marks: seenMarks }, afterChurn: largestAfterChurn, churn },
        dashboards: { viewerRps, originRps, readUnitsPerSecond: dashboardReadUnitsPerSecond },
        aggregatorPace: { recordsPerSecond: aggregatorPerSecond, shards, rawPerSecond, ratio: aggregatorPerSecond / rawPerSecond },
        refreshPace: { ...paced, secondsPerItem, fullPartSeconds, partsAt100M, itemsPerPart: REFRESH_ITEMS_PER_PART },
        day: { writeUnits: dayWrite, readUnits: dayRead, dollars: dayCost, prices: PRICES },
        model: MODEL,
      },
    };
  },
};

/**
 * MODEL.streamShards lines of shards through MODEL.windowHours, a new generation every
 * MODEL.rotationHours (each shard the child of the one before it in its line, as DynamoDB
 * rotates them), each delivering to the aggregator a donation of the national drive in Tehran
 * and, in a second batch, its removal: the hot aggregates see every shard of 48 hours, and
 * their counters end where they were.
 */
async function shardChurn(store: Store, driveId: string): Promise<{ shards: number; generations: number; batches: number }> {
  const generations = Math.ceil(MODEL.windowHours / MODEL.rotationHours);
  const county = countiesOf(TEHRAN)[0]!;
  const id = '01JCHURN000000000000000000';
  const image = {
    ...keys.donation(id),
    type: 'Donation',
    id,
    driveId,
    province: TEHRAN,
    county: county.name,
    countyCode: county.code,
    kind: 'cash',
    amountToman: 1_000_000n,
    channel: 'مسجد جامع',
    version: 1,
  };
  const listing: ShardInfo[] = [];
  let batches = 0;
  for (let g = 0; g < generations; g++) {
    for (let line = 0; line < MODEL.streamShards; line++) {
      const shard = (generation: number) => `shardId-${String(generation).padStart(20, '0')}-churn${line}`;
      listing.push({ shardId: shard(g), ...(g > 0 ? { parentShardId: shard(g - 1) } : {}) });
      const sequence = (n: number) => String(3n * 10n ** 20n + BigInt(g * 10 + n));
      const insert: ChangeRecord = { sequenceNumber: sequence(1), keys: { pk: image.pk, sk: image.sk }, newImage: image };
      const remove: ChangeRecord = { sequenceNumber: sequence(2), keys: { pk: image.pk, sk: image.sk }, oldImage: image };
      for (const batch of [[insert], [remove]]) {
        const result = await applyStreamBatch(store, shard(g), batch, { finishedShards: ancestorsOf(listing, shard(g)) });
        if (result.failed.length) throw new Error(`churn batch failed: ${String(result.failed[0]!.error)}`);
        batches++;
      }
    }
  }
  return { shards: listing.length, generations, batches };
}

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
