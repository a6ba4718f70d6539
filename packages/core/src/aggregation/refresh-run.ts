import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import { newId } from '../store/ids.ts';
import { getItems } from '../store/items.ts';
import type { Store } from '../store/store.ts';
import { SORT_KEYS, keys } from '../table/keys.ts';
import { readAggregateItem } from './aggregate-item.ts';
import { addInto, type Counters } from './counters.ts';
import { addUnmatched, recountSegments, unmatchedCountiesOf, type PartialRecount, type Recount, type UnmatchedTally } from './recount.ts';
import { DEFAULT_MARK_MAX_AGE_MS, reconcile, type RefreshOptions, type RefreshReport } from './refresh.ts';

/**
 * The refresh split in parts that run in parallel, each a few segments of one parallel Scan:
 *
 * 1. `planRefresh` writes the run (`keys.refreshRun`): how many parts, the quiet period, the
 *    day its snapshots carry.
 * 2. `recountPart` (one per part, concurrently: a Step Functions Map in AWS, `Promise.all`
 *    locally) scans its segments, counts them with the same code as the whole recount
 *    (recount.ts `recountSegments`, contribution.ts), stores what it counted (gzipped JSON in
 *    chunks under 400 KB, named by a head item) and adds its number to the run's set of done
 *    parts. A part is idempotent: run again, it replaces its count (the head names the chunks of
 *    the attempt that wrote it last), and the set holds its number once.
 * 3. `mergeRefresh`, once every part is done (it refuses before), sums the parts, reads the
 *    stored aggregates (consistently, at that moment) and hands the whole recount to the same
 *    compare-and-repair as before (refresh.ts `reconcile`: the quiet period, repairs at the
 *    revision read, mark pruning, rollup, history).
 *
 * The run's items expire a week later (`expiresAt`, the table's TTL).
 */

/**
 * Items one part counts: 250,000. `contribution` measured 5.5 µs of CPU per donation here, and a
 * Scan page is 1 MB (about 1,500 items); budgeting 1 ms per item in Lambda (page latency, parse,
 * count, a slow page: two orders of magnitude over the CPU) a part takes at most 250 s, under
 * 5 minutes with a sixth to spare. See the README («The refresh»).
 */
export const REFRESH_ITEMS_PER_PART = 250_000;
/** Each part scans this many segments concurrently (of `parts × REFRESH_SEGMENTS_PER_PART`). */
export const REFRESH_SEGMENTS_PER_PART = 4;
/** At least this many parts, so even a small table's refresh runs in parallel as a large one's does. */
export const MIN_REFRESH_PARTS = 4;
/** At most (Scan allows a million segments; 1,000 parts hold 250 million items). */
export const MAX_REFRESH_PARTS = 1_000;
/** A chunk of a part's count: under DynamoDB's 400 KB item limit with the key and attributes. */
export const REFRESH_CHUNK_BYTES = 350_000;
const RUN_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface RefreshRun {
  runId: string;
  parts: number;
  segmentsPerPart: number;
  quietMs: number;
  markMaxAgeMs: number;
  startedAt: string;
  /** The day the run's history snapshots carry: the day it started (UTC). */
  historyDate: string;
  /** Parts whose count is stored. */
  done: number[];
  mergedAt?: string;
}

/** The merge of a run whose parts are not all done: retry the missing parts, then the merge. */
export class RefreshRunIncompleteError extends Error {
  constructor(
    readonly runId: string,
    readonly missing: number[],
  ) {
    super(`refresh run ${runId}: parts ${missing.join(', ')} not done`);
    this.name = 'RefreshRunIncompleteError';
  }
}

/** How many parts for a table of `itemCount` items. */
export function refreshPartsFor(itemCount: number, itemsPerPart = REFRESH_ITEMS_PER_PART): number {
  return Math.min(MAX_REFRESH_PARTS, Math.max(MIN_REFRESH_PARTS, Math.ceil(itemCount / itemsPerPart)));
}

/** The table's item count as DynamoDB keeps it (updated about every six hours: close enough to size parts). */
async function tableItemCount(store: Store): Promise<number> {
  const described = await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }));
  return described.Table?.ItemCount ?? 0;
}

function expiresAt(now: Date): number {
  return Math.floor(now.getTime() / 1000) + RUN_TTL_SECONDS;
}

/** Step 1: a new run, its parts counted from the table's size unless `options.parts` says. */
export async function planRefresh(store: Store, options: RefreshOptions): Promise<RefreshRun> {
  const now = store.now();
  const parts = options.parts ?? refreshPartsFor(await tableItemCount(store));
  if (!Number.isInteger(parts) || parts < 1 || parts > MAX_REFRESH_PARTS) throw new Error(`a refresh has 1 to ${MAX_REFRESH_PARTS} parts, not ${parts}`);
  const run: RefreshRun = {
    runId: `${now.toISOString().slice(0, 10)}-${newId()}`,
    parts,
    segmentsPerPart: REFRESH_SEGMENTS_PER_PART,
    quietMs: options.quietMs,
    markMaxAgeMs: options.markMaxAgeMs ?? DEFAULT_MARK_MAX_AGE_MS,
    startedAt: now.toISOString(),
    historyDate: now.toISOString().slice(0, 10),
    done: [],
  };
  const { done: _, ...stored } = run;
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.refreshRun(run.runId), type: 'RefreshRun', ...stored, expiresAt: expiresAt(now) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return run;
}

export async function readRefreshRun(store: Store, runId: string): Promise<RefreshRun> {
  const item = (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.refreshRun(runId), ConsistentRead: true }))).Item;
  if (!item) throw new Error(`no refresh run ${runId}`);
  return {
    runId,
    parts: Number(item.parts),
    segmentsPerPart: Number(item.segmentsPerPart),
    quietMs: Number(item.quietMs),
    markMaxAgeMs: Number(item.markMaxAgeMs),
    startedAt: String(item.startedAt),
    historyDate: String(item.historyDate),
    done: [...((item.done as Set<number> | undefined) ?? [])].map(Number).sort((a, b) => a - b),
    ...(typeof item.mergedAt === 'string' ? { mergedAt: item.mergedAt } : {}),
  };
}

export interface PartResult {
  runId: string;
  part: number;
  itemsScanned: number;
  chunks: number;
  /** Parts done, this one included, of `parts`. */
  done: number;
  parts: number;
}

/**
 * Step 2: counts part `part` of the run and stores the count; run again, it replaces it.
 * `chunkBytes` (REFRESH_CHUNK_BYTES) is for tests: a part's count in many chunks.
 */
export async function recountPart(store: Store, runId: string, part: number, options: { chunkBytes?: number } = {}): Promise<PartResult> {
  const chunkBytes = options.chunkBytes ?? REFRESH_CHUNK_BYTES;
  const run = await readRefreshRun(store, runId);
  if (!Number.isInteger(part) || part < 0 || part >= run.parts) throw new Error(`refresh run ${runId} has parts 0 to ${run.parts - 1}, not ${part}`);
  const first = part * run.segmentsPerPart;
  const counted = await recountSegments(
    store,
    Array.from({ length: run.segmentsPerPart }, (_, i) => first + i),
    run.parts * run.segmentsPerPart,
  );
  const data = gzipSync(strToU8(JSON.stringify(serialize(counted))));
  const attempt = newId();
  const expires = expiresAt(store.now());
  const chunks = Math.max(1, Math.ceil(data.length / chunkBytes));
  for (let chunk = 0; chunk < chunks; chunk++) {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...keys.refreshPartChunk(runId, part, chunk),
          type: 'RefreshPartChunk',
          attempt,
          data: data.subarray(chunk * chunkBytes, (chunk + 1) * chunkBytes),
          expiresAt: expires,
        },
      }),
    );
  }
  // The head last: it names this attempt's chunks, so a merge never mixes two attempts.
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.refreshPartHead(runId, part), type: 'RefreshPartHead', attempt, chunks, itemsScanned: counted.itemsScanned, expiresAt: expires },
    }),
  );
  const updated = await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.refreshRun(runId),
      UpdateExpression: 'ADD #done :part',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#done': 'done' },
      ExpressionAttributeValues: { ':part': new Set([part]) },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const done = (updated.Attributes?.done as Set<number> | undefined)?.size ?? 0;
  return { runId, part, itemsScanned: counted.itemsScanned, chunks, done, parts: run.parts };
}

/** How many parts' counts the merge reads at once. */
const MERGE_READS = 8;

/** Step 3: sums the parts (all of them done, or RefreshRunIncompleteError), then compares and repairs. */
export async function mergeRefresh(store: Store, runId: string): Promise<RefreshReport> {
  const run = await readRefreshRun(store, runId);
  const done = new Set(run.done);
  const missing = Array.from({ length: run.parts }, (_, part) => part).filter((part) => !done.has(part));
  if (missing.length > 0) throw new RefreshRunIncompleteError(runId, missing);

  const total: PartialRecount = { expected: new Map(), latestWrite: new Map(), stored: new Map(), invalid: [], unmatched: new Map(), itemsScanned: 0 };
  const storedScopes = new Set<string>();
  for (let start = 0; start < run.parts; start += MERGE_READS) {
    const parts = Array.from({ length: Math.min(MERGE_READS, run.parts - start) }, (_, i) => start + i);
    for (const counted of await Promise.all(parts.map((part) => readPart(store, runId, part)))) addPart(total, storedScopes, counted);
  }
  // The aggregates as they stand now, each with the revision its repair is conditioned on.
  const scopeList = [...new Set([...total.expected.keys(), ...storedScopes])];
  for (const item of await getItems(
    store,
    scopeList.map((scope) => keys.aggregate(scope)),
  )) {
    if (item.type !== 'Aggregate' || item.sk !== SORT_KEYS.aggregate) continue;
    const aggregate = readAggregateItem(item);
    total.stored.set(aggregate.scope, aggregate);
  }
  // In scope and key order, so the report is the same however the scan was split.
  const byScope = <T>(map: Map<string, T>) => new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const keyText = (invalid: PartialRecount['invalid'][number]) => `${invalid.keys.pk}\u0000${invalid.keys.sk}`;
  const counted: Recount = {
    expected: byScope(total.expected),
    latestWrite: total.latestWrite,
    stored: byScope(total.stored),
    invalid: total.invalid.sort((a, b) => (keyText(a) < keyText(b) ? -1 : keyText(a) > keyText(b) ? 1 : 0)),
    itemsScanned: total.itemsScanned,
    unmatchedCounties: unmatchedCountiesOf(total.unmatched.values()),
  };
  const report = await reconcile(store, counted, { quietMs: run.quietMs, markMaxAgeMs: run.markMaxAgeMs, historyDate: run.historyDate });
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.refreshRun(runId),
      UpdateExpression: 'SET mergedAt = :now, itemsScanned = :items, scopesChecked = :scopes, driftScopes = :drift',
      ExpressionAttributeValues: {
        ':now': store.now().toISOString(),
        ':items': report.itemsScanned,
        ':scopes': report.scopesChecked,
        ':drift': report.drift.length,
      },
    }),
  );
  return report;
}

/**
 * The whole refresh in this process: plan, every part concurrently, merge. The tests and the
 * demo loader call it; the local runtime drives the same steps through the refresh handler.
 */
export async function refreshAggregates(store: Store, options: RefreshOptions): Promise<RefreshReport> {
  const run = await planRefresh(store, options);
  await Promise.all(Array.from({ length: run.parts }, (_, part) => recountPart(store, run.runId, part)));
  return mergeRefresh(store, run.runId);
}

// --- a part's count, stored ---------------------------------------------------------------------

/** A part's count as stored: counters as decimal strings; stored aggregates by scope only (the merge reads them). */
interface StoredPart {
  itemsScanned: number;
  expected: [string, [string, string][]][];
  latestWrite: [string, string][];
  storedScopes: string[];
  invalid: PartialRecount['invalid'];
  unmatched: [string, UnmatchedTally][];
}

function serialize(counted: PartialRecount): StoredPart {
  return {
    itemsScanned: counted.itemsScanned,
    expected: [...counted.expected].map(([scope, counters]) => [scope, [...counters].map(([name, value]) => [name, String(value)])]),
    latestWrite: [...counted.latestWrite],
    storedScopes: [...counted.stored.keys()],
    invalid: counted.invalid,
    unmatched: [...counted.unmatched],
  };
}

async function readPart(store: Store, runId: string, part: number): Promise<StoredPart> {
  const head = (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.refreshPartHead(runId, part), ConsistentRead: true }))).Item;
  if (!head) throw new RefreshRunIncompleteError(runId, [part]);
  const count = Number(head.chunks);
  const chunkKeys = Array.from({ length: count }, (_, chunk) => keys.refreshPartChunk(runId, part, chunk));
  const index = new Map(chunkKeys.map((key, chunk) => [key.sk, chunk]));
  const chunks = new Map<number, Uint8Array>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
        ExpressionAttributeValues: { ':pk': chunkKeys[0]!.pk, ':first': chunkKeys[0]!.sk, ':last': chunkKeys.at(-1)!.sk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const chunk = index.get(item.sk as string);
      // Only the chunks of the attempt the head names: an earlier attempt may have left others.
      if (chunk !== undefined && item.attempt === head.attempt) chunks.set(chunk, item.data as Uint8Array);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  if (chunks.size !== count) throw new Error(`refresh run ${runId}, part ${part}: ${chunks.size} of ${count} chunks of its last attempt found`);
  const ordered = [...chunks].sort(([a], [b]) => a - b).map(([, bytes]) => bytes);
  const data = new Uint8Array(ordered.reduce((sum, bytes) => sum + bytes.length, 0));
  let offset = 0;
  for (const bytes of ordered) {
    data.set(bytes, offset);
    offset += bytes.length;
  }
  return JSON.parse(strFromU8(gunzipSync(data))) as StoredPart;
}

function addPart(total: PartialRecount, storedScopes: Set<string>, part: StoredPart): void {
  total.itemsScanned += part.itemsScanned;
  for (const [scope, counters] of part.expected) {
    const into = total.expected.get(scope) ?? new Map<string, bigint>();
    addInto(into, new Map(counters.map(([name, value]) => [name, BigInt(value)])) as Counters);
    if (into.size) total.expected.set(scope, into);
    else total.expected.delete(scope);
  }
  for (const [scope, at] of part.latestWrite) {
    const previous = total.latestWrite.get(scope);
    if (!previous || at > previous) total.latestWrite.set(scope, at);
  }
  for (const scope of part.storedScopes) storedScopes.add(scope);
  total.invalid.push(...part.invalid);
  for (const [key, tally] of part.unmatched) addUnmatched(total.unmatched, key, tally);
}
