import { ScanCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { WHOLE_PROVINCE_LABEL, closestCounties, matchCounty } from '../places/counties.ts';
import { isProvinceCode } from '../places/provinces.ts';
import type { Store } from '../store/store.ts';
import { nameKey } from '../text/name-key.ts';
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
  /** Stored records whose legacy county text matches no catalogue county: counted for their province only. */
  unmatchedCounties: UnmatchedCounty[];
  itemsScanned: number;
}

/**
 * A county name stored before records carried a catalogue code (`county` without `countyCode`)
 * that matches no county of its province (places/counties.ts `matchCounty`, aliases included):
 * such records count for the province only. Reported, never rewritten.
 */
export interface UnmatchedCounty {
  /** The record's place (a province, or `IR`). */
  province: string;
  /** The text as stored (of the spellings sharing one name key, the first in code-point order). */
  county: string;
  /** How many counted records (projects, donations, distributions; voided ones aside) carry it. */
  records: number;
  /** The catalogue counties it is nearest to (`closestCounties`), for whoever corrects the records. */
  suggestions: string[];
}

/** The item types whose county is a place within the province. */
const PLACED_TYPES = new Set(['Project', 'Donation', 'Distribution']);
const WHOLE_PROVINCE_KEY = nameKey(WHOLE_PROVINCE_LABEL);

/**
 * The unmatched county `item` carries, as a key to collect it under (its place and the name key
 * of its text), or undefined: it has a code, no county, the whole-province label, or a match.
 */
function unmatchedCounty(item: Record<string, unknown>): { key: string; province: string; county: string } | undefined {
  if (!PLACED_TYPES.has(item.type as string) || item.voidedAt !== undefined || item.countyCode) return undefined;
  const { province, county } = item;
  if (typeof province !== 'string' || typeof county !== 'string') return undefined;
  const key = nameKey(county);
  if (key === '' || key === WHOLE_PROVINCE_KEY) return undefined;
  if (isProvinceCode(province) && matchCounty(province, county)) return undefined;
  return { key: `${province}#${key}`, province, county };
}

/** An unmatched county name as a part of the scan counted it, under its key (place and name key). */
export interface UnmatchedTally {
  province: string;
  county: string;
  records: number;
}

/** What a scan of some segments found: a recount but for the unmatched counties' suggestions. */
export interface PartialRecount extends Omit<Recount, 'unmatchedCounties'> {
  /** `<place>#<name key>` → the tally. */
  unmatched: Map<string, UnmatchedTally>;
}

/**
 * Recounts every scope from the items with a parallel scan (segments read concurrently),
 * reading the stored aggregates in the same pass.
 */
export async function recount(store: Store, segments = 4): Promise<Recount> {
  const { unmatched, ...rest } = await recountSegments(
    store,
    Array.from({ length: segments }, (_, segment) => segment),
    segments,
  );
  return { ...rest, unmatchedCounties: unmatchedCountiesOf(unmatched.values()) };
}

/**
 * The recount of some segments of a parallel scan of `totalSegments` (read concurrently): a part
 * of the refresh (refresh-run.ts), or all of them.
 */
export async function recountSegments(store: Store, segments: readonly number[], totalSegments: number): Promise<PartialRecount> {
  const result: PartialRecount = { expected: new Map(), latestWrite: new Map(), stored: new Map(), invalid: [], unmatched: new Map(), itemsScanned: 0 };
  await Promise.all(segments.map((segment) => scanSegment(store, segment, totalSegments, result, result.unmatched)));
  return result;
}

/** Adds a tally of one name into `into` (the first spelling in code-point order stays). */
export function addUnmatched(into: Map<string, UnmatchedTally>, key: string, tally: UnmatchedTally): void {
  const seen = into.get(key);
  if (!seen) into.set(key, { ...tally });
  else {
    seen.records += tally.records;
    if (tally.county < seen.county) seen.county = tally.county;
  }
}

/** The report's unmatched counties from the tallies: by place, most records first, with suggestions. */
export function unmatchedCountiesOf(tallies: Iterable<UnmatchedTally>): UnmatchedCounty[] {
  return [...tallies]
    .sort((a, b) => a.province.localeCompare(b.province) || b.records - a.records || (a.county < b.county ? -1 : a.county > b.county ? 1 : 0))
    .map((u) => ({ ...u, suggestions: isProvinceCode(u.province) ? closestCounties(u.province, u.county).map((c) => c.name) : [] }));
}

async function scanSegment(
  store: Store,
  segment: number,
  totalSegments: number,
  result: Omit<Recount, 'unmatchedCounties'>,
  unmatched: Map<string, UnmatchedTally>,
): Promise<void> {
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
        const county = unmatchedCounty(item);
        if (county) addUnmatched(unmatched, county.key, { province: county.province, county: county.county, records: 1 });
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
