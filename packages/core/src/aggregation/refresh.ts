import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PLACE_CODES } from '../places/provinces.ts';
import type { Store } from '../store/store.ts';
import { keys } from '../table/keys.ts';
import { COUNTER_PREFIX, MARK_PREFIX, MARK_TIME_PREFIX, type StoredAggregate } from './aggregate-item.ts';
import { AggregateUpdate, MAX_COUNTERS_PER_UPDATE } from './aggregate-update.ts';
import { addInto, difference, isZero, type Counters } from './counters.ts';
import type { Recount, UnmatchedCounty } from './recount.ts';
import { NATIONAL_SCOPE, scopes } from './scopes.ts';

export interface RefreshOptions {
  /** A scope is repaired only when neither it nor any of its items changed for this long. */
  quietMs: number;
  /** Shard marks older than this are dropped (the stream keeps records 24 h). */
  markMaxAgeMs?: number;
  /** How many parts the recount is split in (refresh-run.ts `refreshPartsFor`: from the table's item count by default). */
  parts?: number;
}

export interface ScopeDrift {
  scope: string;
  /** counter → [stored, expected], as decimal strings */
  differences: Record<string, [string, string]>;
  repaired: boolean;
  reason: 'repaired' | 'not-quiet' | 'changed-during-refresh';
}

export interface RefreshReport {
  itemsScanned: number;
  scopesChecked: number;
  drift: ScopeDrift[];
  invalidItems: { keys: Record<string, unknown>; issues: string[] }[];
  /**
   * County names of records stored before records carried a catalogue code that match no
   * catalogue county, by place, with how many records carry each: those records count for their
   * province only. Reported, never rewritten.
   */
  unmatchedCounties: UnmatchedCounty[];
  marksPruned: number;
  historyDate: string;
  historyWritten: number;
}

export const DEFAULT_MARK_MAX_AGE_MS = 48 * 60 * 60 * 1000;

/**
 * The refresh's last step, once every scope is recounted (refresh-run.ts merges the parts' counts
 * into `counted`): compare with the stored aggregates, repair drift where it is safe, prune old
 * shard marks, write the national rollup and the history snapshots of `historyDate` (today's by
 * default; a run dates them when it starts).
 */
export async function reconcile(store: Store, counted: Recount, options: RefreshOptions & { historyDate?: string }): Promise<RefreshReport> {
  const now = store.now();
  const report: RefreshReport = {
    itemsScanned: counted.itemsScanned,
    scopesChecked: 0,
    drift: [],
    invalidItems: counted.invalid,
    unmatchedCounties: counted.unmatchedCounties,
    marksPruned: 0,
    historyDate: options.historyDate ?? now.toISOString().slice(0, 10),
    historyWritten: 0,
  };
  const current = new Map<string, Counters>();
  const allScopes = new Set([...counted.expected.keys(), ...counted.stored.keys()]);
  for (const scope of allScopes) {
    report.scopesChecked++;
    const expected = counted.expected.get(scope) ?? new Map<string, bigint>();
    const stored = counted.stored.get(scope);
    const storedCounters = stored?.counters ?? new Map<string, bigint>();
    current.set(scope, storedCounters);
    const diff = difference(expected, storedCounters);
    if (isZero(diff)) continue;
    const differences: ScopeDrift['differences'] = {};
    for (const name of diff.keys()) differences[name] = [String(storedCounters.get(name) ?? 0n), String(expected.get(name) ?? 0n)];
    const lastChange = [stored?.updatedAt, counted.latestWrite.get(scope)]
      .filter((t): t is string => !!t)
      .sort()
      .at(-1);
    const quiet = !lastChange || now.getTime() - Date.parse(lastChange) >= options.quietMs;
    if (!quiet) {
      report.drift.push({ scope, differences, repaired: false, reason: 'not-quiet' });
      continue;
    }
    const repaired = await repair(store, scope, stored, expected, [...diff.keys()]);
    if (repaired) current.set(scope, expected);
    report.drift.push({ scope, differences, repaired, reason: repaired ? 'repaired' : 'changed-during-refresh' });
  }
  for (const aggregate of counted.stored.values())
    report.marksPruned += await pruneMarks(store, aggregate, now.getTime() - (options.markMaxAgeMs ?? DEFAULT_MARK_MAX_AGE_MS));
  report.historyWritten = await writeSnapshots(store, current, report.historyDate, now);
  return report;
}

/**
 * Sets the counters that differ to the recount, only if the aggregate has not moved since it
 * was read: in one update, or in several (a breakdown may differ in hundreds of counters), each
 * at the revision the previous one left. A write in between stops the repair (the next refresh
 * finds what is left).
 */
async function repair(store: Store, scope: string, stored: StoredAggregate | undefined, expected: Counters, differing: string[]): Promise<boolean> {
  let revision = stored?.revision || undefined;
  for (let start = 0; start < differing.length; start += MAX_COUNTERS_PER_UPDATE) {
    const update = new AggregateUpdate(store, scope);
    for (const name of differing.slice(start, start + MAX_COUNTERS_PER_UPDATE)) update.setCounter(name, expected.get(name) ?? 0n);
    let condition = 'attribute_not_exists(#revision)';
    if (revision) {
      update.values[':read'] = revision;
      condition = '#revision = :read';
    }
    try {
      await store.doc.send(update.command(condition));
      revision = (revision ?? 0) + 1;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
  return true;
}

async function pruneMarks(store: Store, aggregate: StoredAggregate, olderThan: number): Promise<number> {
  let pruned = 0;
  for (const [shard, mark] of aggregate.marks) {
    if (mark.setAt >= olderThan) continue;
    try {
      await store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keys.aggregate(aggregate.scope),
          UpdateExpression: 'REMOVE #mark, #markAt',
          ConditionExpression: '#mark = :sequence',
          ExpressionAttributeNames: { '#mark': `${MARK_PREFIX}${shard}`, '#markAt': `${MARK_TIME_PREFIX}${shard}` },
          ExpressionAttributeValues: { ':sequence': mark.sequence },
        }),
      );
      pruned++;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // the shard is active again
    }
  }
  return pruned;
}

/** Today's snapshot of every province (all 31, zero or not) and of `IR`, and the national rollup (their sum). */
async function writeSnapshots(store: Store, current: Map<string, Counters>, date: string, now: Date): Promise<number> {
  const { national, written } = await writeHistorySnapshots(store, current, date, now);
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.aggregate(NATIONAL_SCOPE), type: 'Rollup', scope: NATIONAL_SCOPE, updatedAt: now.toISOString(), ...counterAttributes(national) },
    }),
  );
  return written;
}

/**
 * One day's history from the province scopes' counters (`PROVINCE#<code>` → counters): the
 * snapshot of every province (all 31, zero or not), of `IR` and of the nation (their sum).
 * The refresh writes today's; the local demo loader (packages/local/src/demo/history.ts) past
 * days', recounted from the records as they stood that day. Returns the national counters.
 */
export async function writeHistorySnapshots(
  store: Store,
  current: Map<string, Counters>,
  date: string,
  now: Date,
): Promise<{ national: Counters; written: number }> {
  const national = new Map<string, bigint>();
  let written = 0;
  for (const place of PLACE_CODES) {
    const scope = scopes.province(place);
    const counters = current.get(scope) ?? new Map<string, bigint>();
    addInto(national, counters);
    await putSnapshot(store, scope, date, counters, now);
    written++;
  }
  await putSnapshot(store, NATIONAL_SCOPE, date, national, now);
  return { national, written: written + 1 };
}

function counterAttributes(counters: Counters): Record<string, bigint> {
  return Object.fromEntries([...counters].map(([name, value]) => [`${COUNTER_PREFIX}${name}`, value]));
}

async function putSnapshot(store: Store, scope: string, date: string, counters: Counters, now: Date): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.history(scope, date), type: 'History', scope, date, takenAt: now.toISOString(), ...counterAttributes(counters) },
    }),
  );
}
