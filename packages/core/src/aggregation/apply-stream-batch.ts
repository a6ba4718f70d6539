import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Store } from '../store/store.ts';
import { LABEL, MARK_PREFIX, MARK_TIME_PREFIX } from './aggregate-item.ts';
import { AggregateUpdate, MAX_COUNTERS_PER_UPDATE } from './aggregate-update.ts';
import { addInto, difference, isZero, type Counters } from './counters.ts';
import { InvalidImageError, contribution, scopeLabels } from './contribution.ts';
import { isFinishedShard, recordFinishedShards } from './finished-shards.ts';
import { MAX_PARTS, padSequence, partSequence } from './sequence.ts';

/** One stream record, already unmarshalled. */
export interface ChangeRecord {
  sequenceNumber: string;
  keys: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
  newImage?: Record<string, unknown>;
}

export interface InvalidRecord {
  sequenceNumber: string;
  keys: Record<string, unknown>;
  image: 'old' | 'new';
  issues: string[];
}

export interface BatchResult {
  /** Scopes whose update was written. */
  applied: string[];
  /** Scopes whose records had all been applied before (a redelivery). */
  alreadyApplied: string[];
  /** Scopes whose update failed, with the sequence number of their earliest record in the batch. */
  failed: { scope: string; sequenceNumber: string; error: unknown }[];
  /** Images that cannot be aggregated: they count as contributing nothing. */
  invalid: InvalidRecord[];
  /** DynamoDB write requests issued (for the write-cost benchmark). */
  writeRequests: number;
  /**
   * The batch's shard was recorded finished (a child of it delivered before): its records come
   * again only when the stream is read anew, and were all applied then. Nothing was applied.
   */
  shardFinished: boolean;
}

/** A record's change to one scope, or one part of it (a change too large for one update). */
interface ScopeRecord {
  /** The mark once this is applied: the record's padded sequence number, or a part's (`<padded>.<part>`). */
  sequence: string;
  /** The record's padded sequence number: a mark equal to it means all of the record was applied. */
  record: string;
  original: string;
  delta: Counters;
}

const MAX_ATTEMPTS = 4;

/**
 * How many finished shards' marks one update removes at most (each costs two names of the
 * expression): a shard's ancestors over the stream's 24 hours are a handful; any left over
 * go with the next update, or with the refresh's pruning after 48 h.
 */
export const MAX_FINISHED_SHARDS_PER_UPDATE = 8;

export interface BatchOptions {
  /**
   * Shards of the stream no record will ever be delivered from again: the ancestors of the
   * batch's shard. Lambda (and the local poller, stream-shards.ts) reads a child shard only
   * once its parent has been read to its end and every batch of it has returned, so a
   * parent's marks have done their work once a child delivers. Every update this batch makes
   * removes their marks, so an aggregate holds marks of the open shards only, however many
   * shards the stream has rotated through (issue 11: a mark per shard of the last 48 h grew
   * the hot aggregates to tens of KB). They are recorded finished first (finished-shards.ts),
   * so that their records, should the stream be read anew, are skipped without their marks.
   */
  finishedShards?: readonly string[];
}

/**
 * Applies one shard's batch of stream records to the aggregates, exactly once whatever the
 * redelivery: deltas are summed per scope and written in one conditional update per scope,
 * which also moves the scope's mark for this shard. A record at or below the mark was applied
 * before and is left out; a batch of a shard recorded finished, entirely. One consistent read
 * a batch (is the shard finished?), and one write per ancestor the first time it is seen finished.
 */
export async function applyStreamBatch(store: Store, shardId: string, records: readonly ChangeRecord[], options: BatchOptions = {}): Promise<BatchResult> {
  const finished = (options.finishedShards ?? []).filter((shard) => shard !== shardId).slice(0, MAX_FINISHED_SHARDS_PER_UPDATE);
  const result: BatchResult = { applied: [], alreadyApplied: [], failed: [], invalid: [], writeRequests: 0, shardFinished: false };
  if (records.length === 0) return result;
  if (await isFinishedShard(store, shardId)) return { ...result, shardFinished: true };
  result.writeRequests += await recordFinishedShards(store, finished);
  const byScope = new Map<string, ScopeRecord[]>();
  const labels = new Map<string, string>();
  for (const record of records) {
    for (const [scope, label] of scopeLabels(record.newImage)) labels.set(scope, label);
    const sequence = padSequence(record.sequenceNumber);
    const before = safeContribution(record, 'old', result.invalid);
    const after = safeContribution(record, 'new', result.invalid);
    for (const scope of new Set([...before.keys(), ...after.keys()])) {
      const delta = difference(after.get(scope) ?? new Map(), before.get(scope) ?? new Map());
      if (isZero(delta)) continue;
      const list = byScope.get(scope) ?? [];
      list.push(...inParts(sequence, record.sequenceNumber, delta));
      byScope.set(scope, list);
    }
  }
  await Promise.all(
    [...byScope].map(async ([scope, scopeRecords]) => {
      try {
        const outcome = await applyToScope(store, scope, shardId, finished, scopeRecords, labels.get(scope), () => result.writeRequests++);
        (outcome === 'applied' ? result.applied : result.alreadyApplied).push(scope);
      } catch (error) {
        result.failed.push({ scope, sequenceNumber: scopeRecords[0]!.original, error });
      }
    }),
  );
  return result;
}

function safeContribution(record: ChangeRecord, which: 'old' | 'new', invalid: InvalidRecord[]) {
  try {
    return contribution(which === 'old' ? record.oldImage : record.newImage);
  } catch (error) {
    if (!(error instanceof InvalidImageError)) throw error;
    invalid.push({ sequenceNumber: record.sequenceNumber, keys: record.keys, image: which, issues: error.issues });
    return new Map<string, Counters>();
  }
}

async function applyToScope(
  store: Store,
  scope: string,
  shardId: string,
  finished: readonly string[],
  records: ScopeRecord[],
  label: string | undefined,
  countWrite: () => void,
): Promise<'applied' | 'already'> {
  // First try: assume no record of this batch was applied before (the usual case).
  let pending = records;
  let expectedMark: string | undefined | null = null; // null: "below the first record"
  let applied = false;
  for (let conflicts = 0; pending.length > 0; ) {
    // After a redelivery, what is left above the mark may be nothing, or cancel out.
    if (conflicts > 0 && isZero(sumOf(pending))) break;
    if (conflicts >= MAX_ATTEMPTS) throw new Error(`aggregate ${scope} kept changing under shard ${shardId}`);
    // Usually the whole batch in one update; a change too large for one expression goes in
    // several, each moving the mark to its last record (or part of one), so each is applied
    // exactly once.
    const chunk = fittingPrefix(pending);
    try {
      countWrite();
      await store.doc.send(updateCommand(store, scope, shardId, finished, sumOf(chunk), chunk.at(-1)!.sequence, expectedMark, chunk[0]!.record, label));
      applied = true;
      expectedMark = chunk.at(-1)!.sequence;
      pending = pending.slice(chunk.length);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The mark moved: keep only the records above it and try again at that mark.
      conflicts++;
      const current = error.Item?.[`${MARK_PREFIX}${shardId}`]?.S;
      // (A mark at a record itself means all of it, also a record that now goes in parts.)
      pending = records.filter((r) => current === undefined || (r.sequence > current && r.record !== current));
      expectedMark = current;
    }
  }
  return applied ? 'applied' : 'already';
}

function sumOf(records: readonly ScopeRecord[]): Counters {
  return records.reduce((sum, r) => addInto(sum, r.delta), new Map<string, bigint>());
}

/**
 * A record's change to one scope as it is applied: whole, or, when it names more counters than
 * one update may (one correction of the heaviest project changes about 400 in its breakdown), in
 * parts of at most MAX_COUNTERS_PER_UPDATE, each moving the mark to its position within the
 * record (sequence.ts), so a crash between two parts leaves the mark there and a redelivery
 * applies only the parts after it. The parts depend on the change alone (counters by name), so
 * every delivery cuts the record alike.
 */
function inParts(record: string, original: string, delta: Counters): ScopeRecord[] {
  if (delta.size <= MAX_COUNTERS_PER_UPDATE) return [{ sequence: record, record, original, delta }];
  const names = [...delta.keys()].sort();
  const count = Math.ceil(names.length / MAX_COUNTERS_PER_UPDATE);
  if (count > MAX_PARTS) throw new Error(`record ${original} changes ${names.length} counters in one scope`);
  return Array.from({ length: count }, (_, i) => ({
    sequence: partSequence(record, i + 1),
    record,
    original,
    delta: new Map(names.slice(i * MAX_COUNTERS_PER_UPDATE, (i + 1) * MAX_COUNTERS_PER_UPDATE).map((name) => [name, delta.get(name)!])),
  }));
}

/** The longest run of records (or parts) from the first whose counters fit one update (never fewer than one). */
function fittingPrefix(records: readonly ScopeRecord[]): readonly ScopeRecord[] {
  const names = new Set<string>();
  for (const [i, record] of records.entries()) {
    for (const name of record.delta.keys()) names.add(name);
    if (names.size > MAX_COUNTERS_PER_UPDATE && i > 0) return records.slice(0, i);
  }
  return records;
}

/**
 * Adds the delta and moves this shard's mark to the last record (or part), if the mark is where
 * we expect it: at `expectedMark`, or (null) below the first record, `firstRecord`, whose first
 * part's mark is the next string after it. Removes the finished shards' marks.
 */
function updateCommand(
  store: Store,
  scope: string,
  shardId: string,
  finished: readonly string[],
  delta: Counters,
  lastSequence: string,
  expectedMark: string | undefined | null,
  firstRecord: string,
  label: string | undefined,
) {
  const update = new AggregateUpdate(store, scope).set(`${MARK_PREFIX}${shardId}`, lastSequence).set(`${MARK_TIME_PREFIX}${shardId}`, Date.now());
  if (label !== undefined) update.set(LABEL, label);
  for (const [counter, value] of delta) update.addCounter(counter, value);
  for (const shard of finished) update.remove(`${MARK_PREFIX}${shard}`).remove(`${MARK_TIME_PREFIX}${shard}`);
  update.names['#mark'] = `${MARK_PREFIX}${shardId}`;
  let condition: string;
  if (expectedMark === null) {
    update.values[':first'] = firstRecord;
    condition = 'attribute_not_exists(#mark) OR #mark < :first';
  } else if (expectedMark === undefined) {
    condition = 'attribute_not_exists(#mark)';
  } else {
    update.values[':expected'] = expectedMark;
    condition = '#mark = :expected';
  }
  return update.command(condition, { returnOldOnConditionFailure: true });
}
