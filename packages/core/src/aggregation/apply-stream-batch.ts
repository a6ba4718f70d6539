import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../store/store.ts';
import { COUNTER_PREFIX, MARK_PREFIX, MARK_TIME_PREFIX, REVISION, aggregateIndexKeys, aggregateKey } from './aggregate-item.ts';
import { addInto, difference, isZero, type Counters } from './counters.ts';
import { InvalidImageError, contribution } from './contribution.ts';
import { padSequence } from './sequence.ts';

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
}

interface ScopeRecord {
  sequence: string; // padded
  original: string;
  delta: Counters;
}

const MAX_ATTEMPTS = 4;

/**
 * Applies one shard's batch of stream records to the aggregates, exactly once whatever the
 * redelivery: deltas are summed per scope and written in one conditional update per scope,
 * which also moves the scope's mark for this shard. A record at or below the mark was applied
 * before and is left out.
 */
export async function applyStreamBatch(store: Store, shardId: string, records: readonly ChangeRecord[]): Promise<BatchResult> {
  const result: BatchResult = { applied: [], alreadyApplied: [], failed: [], invalid: [], writeRequests: 0 };
  const byScope = new Map<string, ScopeRecord[]>();
  for (const record of records) {
    const sequence = padSequence(record.sequenceNumber);
    const before = safeContribution(record, 'old', result.invalid);
    const after = safeContribution(record, 'new', result.invalid);
    for (const scope of new Set([...before.keys(), ...after.keys()])) {
      const delta = difference(after.get(scope) ?? new Map(), before.get(scope) ?? new Map());
      if (isZero(delta)) continue;
      const list = byScope.get(scope) ?? [];
      list.push({ sequence, original: record.sequenceNumber, delta });
      byScope.set(scope, list);
    }
  }
  await Promise.all(
    [...byScope].map(async ([scope, scopeRecords]) => {
      try {
        const outcome = await applyToScope(store, scope, shardId, scopeRecords, () => result.writeRequests++);
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

async function applyToScope(store: Store, scope: string, shardId: string, records: ScopeRecord[], countWrite: () => void): Promise<'applied' | 'already'> {
  // First try: assume no record of this batch was applied before (the usual case).
  let pending = records;
  let expectedMark: string | undefined | null = null; // null: "below the first record"
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const delta = pending.reduce((sum, r) => addInto(sum, r.delta), new Map<string, bigint>());
    const last = pending.at(-1)!.sequence;
    try {
      countWrite();
      await store.doc.send(updateCommand(store, scope, shardId, delta, last, expectedMark, pending[0]!.sequence));
      return 'applied';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The mark moved: keep only the records above it and try again at that mark.
      const current = error.Item?.[`${MARK_PREFIX}${shardId}`]?.S;
      pending = records.filter((r) => current === undefined || r.sequence > current);
      if (pending.length === 0 || isZero(pending.reduce((sum, r) => addInto(sum, r.delta), new Map<string, bigint>()))) {
        return 'already';
      }
      expectedMark = current;
    }
  }
  throw new Error(`aggregate ${scope} kept changing under shard ${shardId}`);
}

function updateCommand(store: Store, scope: string, shardId: string, delta: Counters, lastSequence: string, expectedMark: string | undefined | null, firstSequence: string) {
  const names: Record<string, string> = { '#mark': `${MARK_PREFIX}${shardId}`, '#markAt': `${MARK_TIME_PREFIX}${shardId}`, '#updatedAt': 'updatedAt', '#scope': 'scope', '#type': 'type', '#revision': REVISION };
  const values: Record<string, NativeAttributeValue> = { ':last': lastSequence, ':now': Date.now(), ':nowIso': store.now().toISOString(), ':scope': scope, ':type': 'Aggregate', ':one': 1 };
  // Every write moves the revision, so the refresh can tell the aggregate it read is still current.
  const adds: string[] = ['#revision :one'];
  [...delta].forEach(([counter, value], i) => {
    names[`#c${i}`] = `${COUNTER_PREFIX}${counter}`;
    values[`:c${i}`] = value;
    adds.push(`#c${i} :c${i}`);
  });
  const sets = ['#mark = :last', '#markAt = :now', '#updatedAt = :nowIso', '#scope = :scope', '#type = :type'];
  Object.entries(aggregateIndexKeys(scope)).forEach(([attribute, value], i) => {
    names[`#k${i}`] = attribute;
    values[`:k${i}`] = value;
    sets.push(`#k${i} = :k${i}`);
  });
  let condition: string;
  if (expectedMark === null) {
    values[':first'] = firstSequence;
    condition = 'attribute_not_exists(#mark) OR #mark < :first';
  } else if (expectedMark === undefined) {
    condition = 'attribute_not_exists(#mark)';
  } else {
    values[':expected'] = expectedMark;
    condition = '#mark = :expected';
  }
  return new UpdateCommand({
    TableName: store.tableName,
    Key: aggregateKey(scope),
    UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
    ConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  });
}
