import { PLACE_CODES } from '../places/provinces.ts';
import type { Store } from '../store/store.ts';
import { readAggregateItem } from './aggregate-item.ts';
import { isIndicatorCounter } from './counter-names.ts';
import { readAggregates } from './read-figures.ts';
import { scopes } from './scopes.ts';

/**
 * Whether any figure counts the indicator (a project's output or a plan names it): every
 * record adds to its place, so the 31 provinces and `IR` tell, in one batch read of 32 items.
 */
export async function indicatorInUse(store: Store, code: string): Promise<boolean> {
  const items = await readAggregates(
    store,
    PLACE_CODES.map((p) => scopes.province(p)),
  );
  return [...items.values()].some((item) => [...readAggregateItem(item).counters.keys()].some((counter) => isIndicatorCounter(counter, code)));
}
