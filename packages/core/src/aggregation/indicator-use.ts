import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { PLACE_CODES } from '../places/provinces.ts';
import type { Store } from '../store/store.ts';
import { keys } from '../table/keys.ts';
import { readAggregateItem } from './aggregate-item.ts';
import { isIndicatorCounter } from './counter-names.ts';
import { scopes } from './scopes.ts';

/**
 * Whether any figure counts the indicator (a project's output or a plan names it): every
 * record adds to its place, so the 31 provinces and `IR` tell, in one batch read of 32 items.
 */
export async function indicatorInUse(store: Store, code: string): Promise<boolean> {
  const result = await store.doc.send(
    new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: PLACE_CODES.map((p) => keys.aggregate(scopes.province(p))), ConsistentRead: true } } }),
  );
  if (result.UnprocessedKeys?.[store.tableName]?.Keys?.length) return true; // cannot tell: refuse the change
  const items = result.Responses?.[store.tableName] ?? [];
  return items.some((item) => [...readAggregateItem(item).counters.keys()].some((counter) => isIndicatorCounter(counter, code)));
}
