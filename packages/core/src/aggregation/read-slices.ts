import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { jalaliOfIsoDate } from '../dates/jalali.ts';
import { NATIONAL_PLACE, PROVINCES, type PlaceCode } from '../places/provinces.ts';
import type { ProjectCategory } from '../schemas/project.ts';
import { getItems, type Item } from '../store/items.ts';
import type { Store } from '../store/store.ts';
import { keys } from '../table/keys.ts';
import { nameKey } from '../text/name-key.ts';
import { readAggregateItem } from './aggregate-item.ts';
import type { Counters } from './counters.ts';
import { partOf, periodDays, sliceFigures, sliceKindOf, sumCounters, type SliceKind, type SliceOmission, type SliceRequest } from './figure-slices.ts';
import type { Figures } from './figures.ts';
import { allProvinceFigures, placeByCode, provinceFigures, readAggregates, type CountyFigures, type ProvinceFigures } from './read-figures.ts';
import { programmesOfPlace, type PlaceFigures } from './read-programmes.ts';
import { NATIONAL_SCOPE, scopes } from './scopes.ts';

/** The slice a province answer is of, as applied (figure-schemas.ts `FigureSlice`). */
export interface AppliedSlice {
  from: string | null;
  to: string | null;
  /** The programme's name as its records spell it (it is matched by name key). */
  programme: string | null;
  drive: string | null;
  category: ProjectCategory | null;
  /** Period slices: the snapshot days read (null: none subtracted; the live figures at the end). */
  fromSnapshot?: string | null;
  fromSnapshotJalali?: string | null;
  toSnapshot?: string | null;
  toSnapshotJalali?: string | null;
  without: SliceOmission[];
}

export type AllProvinceFigures = Awaited<ReturnType<typeof allProvinceFigures>>;
export type ProvinceWithCounties = ProvinceFigures & { counties: CountyFigures[]; programmes: (PlaceFigures & { name: string; key: string })[] };

/** A place's counters in a slice: `end` (and for a period, `start`) and when they last changed. */
interface PlaceCounters {
  start?: Counters;
  end: Counters;
  updatedAt: string | null;
}

const ALL_PLACES: readonly PlaceCode[] = [...PROVINCES.map((p) => p.code), NATIONAL_PLACE.code];

/** A stable key of what a request asks (public-figures.ts keeps each answer a second under it): a programme by its name key. */
export function sliceCacheKey(slice: SliceRequest): string {
  const programme = slice.programme === undefined ? undefined : nameKey(slice.programme);
  return JSON.stringify([slice.from ?? null, slice.to ?? null, programme ?? null, slice.drive ?? null, slice.category ?? null]);
}

/** `GET /provinces?…`: every province, the country (`IR`) and the national total, in the slice. */
export async function slicedAllProvinceFigures(store: Store, slice: SliceRequest): Promise<AllProvinceFigures & { slice: AppliedSlice }> {
  const kind = sliceKindOf(slice);
  if (kind === 'live') return { ...(await allProvinceFigures(store)), slice: appliedSlice(slice, kind) };
  const { byPlace, applied } = await readSlice(store, slice, kind, ALL_PLACES);
  let latest: string | null = null;
  const places = ALL_PLACES.map((code) => {
    const place = byPlace.get(code)!;
    if (place.updatedAt && (!latest || place.updatedAt > latest)) latest = place.updatedAt;
    return { province: placeByCode(code), ...sliceFigures(kind, slice, place.end, place.start), updatedAt: place.updatedAt };
  });
  const all = [...byPlace.values()];
  const national: Figures = sliceFigures(kind, slice, sumCounters(all.map((p) => p.end)), sumCounters(all.map((p) => p.start ?? new Map())));
  return { provinces: places.slice(0, PROVINCES.length), country: places.at(-1)!, national: { ...national, updatedAt: latest }, slice: applied };
}

/** `GET /provinces/{code}?…`: one province (or `IR`) in the slice; its counties and programmes only unsliced. */
export async function slicedProvinceFigures(store: Store, code: PlaceCode, slice: SliceRequest): Promise<ProvinceWithCounties & { slice: AppliedSlice }> {
  const kind = sliceKindOf(slice);
  if (kind === 'live') {
    const [figures, programmes] = await Promise.all([provinceFigures(store, code), programmesOfPlace(store, code)]);
    return { ...figures, programmes, slice: appliedSlice(slice, kind) };
  }
  const { byPlace, applied } = await readSlice(store, slice, kind, [code]);
  const place = byPlace.get(code)!;
  return {
    province: placeByCode(code),
    ...sliceFigures(kind, slice, place.end, place.start),
    updatedAt: place.updatedAt,
    counties: [],
    programmes: [],
    slice: applied,
  };
}

function appliedSlice(slice: SliceRequest, kind: SliceKind, extra: Partial<AppliedSlice> = {}): AppliedSlice {
  const without: SliceOmission[] = kind === 'live' ? [] : ['counties', 'programmes'];
  if (kind === 'category') without.push('outputs');
  return {
    from: slice.from ?? null,
    to: slice.to ?? null,
    programme: null,
    drive: slice.drive ?? null,
    category: slice.category ?? null,
    ...extra,
    without,
  };
}

/** The counters of each place in a slice, with the slice as applied. */
async function readSlice(
  store: Store,
  slice: SliceRequest,
  kind: Exclude<SliceKind, 'live'>,
  places: readonly PlaceCode[],
): Promise<{ byPlace: Map<PlaceCode, PlaceCounters>; applied: AppliedSlice }> {
  if (kind === 'period') return readPeriod(store, slice, places);
  if (kind === 'drive') {
    // The drive's aggregate holds its counters under each place (contribution.ts): one read.
    const item = (await readAggregates(store, [scopes.drive(slice.drive!)])).get(scopes.drive(slice.drive!));
    return { byPlace: partsOf(item, places, 'place', (place) => place), applied: appliedSlice(slice, kind) };
  }
  // A programme or a category: the places' breakdowns (one batch read; with the programme's aggregate, for its name).
  const key = kind === 'programme' ? nameKey(slice.programme!) : slice.category!;
  const programmeScope = scopes.programme(key);
  const items = await readAggregates(store, [...places.map((p) => scopes.breakdown(p)), ...(kind === 'programme' ? [programmeScope] : [])]);
  const byPlace = new Map(places.map((place) => [place, partsOf(items.get(scopes.breakdown(place)), [place], kind, () => key).get(place)!]));
  const programmeItem = items.get(programmeScope);
  const label = programmeItem ? readAggregateItem(programmeItem).label : undefined;
  const programme = kind === 'programme' ? (label ?? slice.programme!) : null;
  return { byPlace, applied: appliedSlice(slice, kind, { programme }) };
}

/** Each place's part of an aggregate kept by dimension (`<dimension>:<id>|…`); updatedAt only where the place has counters. */
function partsOf(item: Item | undefined, places: readonly PlaceCode[], dimension: string, idOf: (place: PlaceCode) => string): Map<PlaceCode, PlaceCounters> {
  const aggregate = item ? readAggregateItem(item) : undefined;
  return new Map(
    places.map((place) => {
      const end = aggregate ? partOf(aggregate.counters, dimension, idOf(place)) : new Map<string, bigint>();
      return [place, { end, updatedAt: end.size ? (aggregate?.updatedAt ?? null) : null }];
    }),
  );
}

/**
 * A period: the snapshots of the day before `from` and of `to` (or the live aggregates), each
 * the nearest earlier one when the day has none, else the earliest later one. For every
 * province at once, the days are those of the national snapshot (the refresh writes it after
 * every place's, so a day that has it has theirs): one query a bound and one batch read.
 */
async function readPeriod(
  store: Store,
  slice: SliceRequest,
  places: readonly PlaceCode[],
): Promise<{ byPlace: Map<PlaceCode, PlaceCounters>; applied: AppliedSlice }> {
  const { startDay, endDay } = periodDays(slice, store.now().toISOString().slice(0, 10));
  const dayScope = places.length === 1 ? scopes.province(places[0]!) : NATIONAL_SCOPE;
  const [startSnapshot, endSnapshot] = await Promise.all([
    startDay === undefined ? undefined : nearestSnapshot(store, dayScope, startDay),
    endDay === undefined ? undefined : nearestSnapshot(store, dayScope, endDay),
  ]);
  const fromSnapshot = startSnapshot ? String(startSnapshot.sk) : null;
  const toSnapshot = endSnapshot ? String(endSnapshot.sk) : null;
  const [starts, ends] = await Promise.all([
    fromSnapshot ? snapshotsOn(store, places, fromSnapshot) : undefined,
    toSnapshot ? snapshotsOn(store, places, toSnapshot) : liveAggregates(store, places),
  ]);
  const byPlace = new Map(places.map((place) => [place, { ...ends.get(place)!, ...(starts ? { start: starts.get(place)!.end } : {}) }]));
  const applied = appliedSlice(slice, 'period', {
    fromSnapshot,
    fromSnapshotJalali: fromSnapshot && jalaliOfIsoDate(fromSnapshot),
    toSnapshot,
    toSnapshotJalali: toSnapshot && jalaliOfIsoDate(toSnapshot),
  });
  return { byPlace, applied };
}

/** A scope's snapshot of `day`, or the nearest earlier one, or the earliest later one (none: no snapshot at all). */
async function nearestSnapshot(store: Store, scope: string, day: string): Promise<Item | undefined> {
  const query = (condition: string, forward: boolean) =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: `pk = :pk AND ${condition}`,
        ExpressionAttributeValues: { ':pk': keys.history(scope, day).pk, ':day': day },
        ScanIndexForward: forward,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
  const before = await query('sk <= :day', false);
  if (before.Items?.[0]) return before.Items[0];
  return (await query('sk > :day', true)).Items?.[0];
}

/** Each place's snapshot of `day` (a place without one that day, which the refresh never leaves: its nearest). */
async function snapshotsOn(store: Store, places: readonly PlaceCode[], day: string): Promise<Map<PlaceCode, PlaceCounters>> {
  const items = await getItems(
    store,
    places.map((p) => keys.history(scopes.province(p), day)),
  );
  const byScope = new Map(items.map((item) => [String(item.scope), item]));
  const result = new Map<PlaceCode, PlaceCounters>();
  for (const place of places) {
    const item = byScope.get(scopes.province(place)) ?? (await nearestSnapshot(store, scopes.province(place), day));
    result.set(place, {
      end: item ? readAggregateItem(item).counters : new Map(),
      updatedAt: typeof item?.takenAt === 'string' ? item.takenAt : null,
    });
  }
  return result;
}

async function liveAggregates(store: Store, places: readonly PlaceCode[]): Promise<Map<PlaceCode, PlaceCounters>> {
  const items = await readAggregates(
    store,
    places.map((p) => scopes.province(p)),
  );
  return new Map(
    places.map((place) => {
      const item = items.get(scopes.province(place));
      const aggregate = item ? readAggregateItem(item) : undefined;
      return [place, { end: aggregate?.counters ?? new Map(), updatedAt: aggregate?.updatedAt ?? null }];
    }),
  );
}
