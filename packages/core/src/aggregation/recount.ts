import { ScanCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../store/store.ts';
import { SORT_KEYS } from '../table/keys.ts';
import { readAggregateItem, type StoredAggregate } from './aggregate-item.ts';
import { addScoped, type ScopedCounters } from './counters.ts';
import { COUNTED_TYPES, InvalidImageError, contribution } from './contribution.ts';

export interface Recount {
  /** What every scope should hold, from the items themselves. */
  expected: ScopedCounters;
  /** Per scope, the latest `updatedAt` of an item counted in it. */
  latestWrite: Map<string, string>;
  /** The aggregates as stored. */
  stored: Map<string, StoredAggregate>;
  /** Items that cannot be aggregated (they count as nothing, as in the stream path). */
  invalid: { keys: Record<string, unknown>; issues: string[] }[];
  itemsScanned: number;
}

/**
 * Recounts every scope from the items with a parallel scan (segments read concurrently),
 * reading the stored aggregates in the same pass.
 */
export async function recount(store: Store, segments = 4): Promise<Recount> {
  const result: Recount = { expected: new Map(), latestWrite: new Map(), stored: new Map(), invalid: [], itemsScanned: 0 };
  await Promise.all(Array.from({ length: segments }, (_, segment) => scanSegment(store, segment, segments, result)));
  return result;
}

async function scanSegment(store: Store, segment: number, totalSegments: number, result: Recount): Promise<void> {
  let start: Record<string, NativeAttributeValue> | undefined;
  const types = [...COUNTED_TYPES, 'Aggregate'];
  do {
    const page = await store.doc.send(
      new ScanCommand({
        TableName: store.tableName,
        Segment: segment,
        TotalSegments: totalSegments,
        ExclusiveStartKey: start,
        FilterExpression: `#type IN (${types.map((_, i) => `:t${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: Object.fromEntries(types.map((t, i) => [`:t${i}`, t])),
      }),
    );
    for (const item of page.Items ?? []) {
      result.itemsScanned++;
      if (item.type === 'Aggregate' && item.sk === SORT_KEYS.aggregate) {
        const aggregate = readAggregateItem(item);
        result.stored.set(aggregate.scope, aggregate);
        continue;
      }
      try {
        const scoped = contribution(item);
        addScoped(result.expected, scoped);
        for (const scope of scoped.keys()) {
          const previous = result.latestWrite.get(scope);
          if (typeof item.updatedAt === 'string' && (!previous || item.updatedAt > previous)) result.latestWrite.set(scope, item.updatedAt);
        }
      } catch (error) {
        if (!(error instanceof InvalidImageError)) throw error;
        result.invalid.push({ keys: { pk: item.pk, sk: item.sk }, issues: error.issues });
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
}
