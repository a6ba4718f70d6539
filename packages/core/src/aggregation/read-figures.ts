import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { countiesOf, countyByCode } from '../places/counties.ts';
import { NATIONAL_CODE, NATIONAL_PLACE, PROVINCES, provinceByCode, type PlaceCode, type Province } from '../places/provinces.ts';
import { getItems, queryAll } from '../store/items.ts';
import type { Store } from '../store/store.ts';
import { keys } from '../table/keys.ts';
import { readAggregateItem } from './aggregate-item.ts';
import { addInto, type Counters } from './counters.ts';
import { figuresFrom, type Figures } from './figures.ts';
import { NATIONAL_SCOPE, scopes } from './scopes.ts';

/** A province, or the country itself (`IR`) named like one. */
export type Place = Province | typeof NATIONAL_PLACE;

export function placeByCode(code: PlaceCode): Place {
  return code === NATIONAL_CODE ? NATIONAL_PLACE : provinceByCode(code);
}

export interface ProvinceFigures extends Figures {
  province: Place;
  updatedAt: string | null;
}

export interface CountyFigures extends Figures {
  code: string;
  county: string;
  updatedAt: string | null;
}

/** Several aggregates, by scope (store/items.ts `getItems`). A scope nothing was counted in is absent. */
export async function readAggregates(store: Store, scopeList: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const items = await getItems(
    store,
    scopeList.map((scope) => keys.aggregate(scope)),
  );
  return new Map(items.map((item) => [String(item.scope), item]));
}

function aggregateFigures(item: Record<string, unknown> | undefined): { counters: Counters; updatedAt: string | null } {
  if (!item) return { counters: new Map(), updatedAt: null };
  const aggregate = readAggregateItem(item);
  return { counters: aggregate.counters, updatedAt: aggregate.updatedAt ?? null };
}

const PLACES: readonly Place[] = [...PROVINCES, NATIONAL_PLACE];

/**
 * All 31 provinces, what was recorded for the country itself (`IR`), and the national total
 * (the provinces plus `IR`), live: one batch read of 32 items.
 */
export async function allProvinceFigures(
  store: Store,
): Promise<{ provinces: ProvinceFigures[]; country: ProvinceFigures; national: Figures & { updatedAt: string | null } }> {
  const byScope = await readAggregates(
    store,
    PLACES.map((p) => scopes.province(p.code)),
  );
  const national = new Map<string, bigint>();
  let latest: string | null = null;
  const places = PLACES.map((province) => {
    const { counters, updatedAt } = aggregateFigures(byScope.get(scopes.province(province.code)));
    addInto(national, counters);
    if (updatedAt && (!latest || updatedAt > latest)) latest = updatedAt;
    return { province, ...figuresFrom(counters), updatedAt };
  });
  return { provinces: places.slice(0, PROVINCES.length), country: places.at(-1)!, national: { ...figuresFrom(national), updatedAt: latest } };
}

/**
 * The aggregates of a province's catalogue counties (none for `IR`), by county code: one batch
 * read by key (the catalogue says which counties there are; no index lists them).
 */
export async function readCountyAggregates(store: Store, code: PlaceCode): Promise<Map<string, Record<string, unknown>>> {
  const counties = code === NATIONAL_CODE ? [] : countiesOf(code);
  const byScope = await readAggregates(
    store,
    counties.map((county) => scopes.county(code, county.code)),
  );
  return new Map(
    counties.flatMap((county) => {
      const item = byScope.get(scopes.county(code, county.code));
      return item ? [[county.code, item] as const] : [];
    }),
  );
}

/** One province (or `IR`) with the counties something was counted in, in catalogue order (one read and one batch read). */
export async function provinceFigures(store: Store, code: PlaceCode): Promise<ProvinceFigures & { counties: CountyFigures[] }> {
  const [own, counties] = await Promise.all([
    store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.aggregate(scopes.province(code)), ConsistentRead: true })),
    readCountyAggregates(store, code),
  ]);
  const { counters, updatedAt } = aggregateFigures(own.Item);
  return {
    province: placeByCode(code),
    ...figuresFrom(counters),
    updatedAt,
    counties: [...counties].map(([countyCode, item]) => {
      const aggregate = readAggregateItem(item);
      return {
        code: countyCode,
        county: countyByCode(countyCode)?.name ?? countyCode,
        ...figuresFrom(aggregate.counters),
        updatedAt: aggregate.updatedAt ?? null,
      };
    }),
  };
}

export async function driveFigures(store: Store, driveId: string): Promise<Pick<Figures, 'donations' | 'distributions'> & { updatedAt: string | null }> {
  const result = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.aggregate(scopes.drive(driveId)), ConsistentRead: true }));
  const { counters, updatedAt } = aggregateFigures(result.Item);
  const { donations, distributions } = figuresFrom(counters);
  return { donations, distributions, updatedAt };
}

export interface HistoryPoint extends Figures {
  date: string;
}

/** Daily snapshots of a province (or the nation) between two dates, inclusive. */
export async function provinceHistory(store: Store, code: PlaceCode | 'national', from: string, to: string): Promise<HistoryPoint[]> {
  const scope = code === 'national' ? NATIONAL_SCOPE : scopes.province(code);
  const items = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.history(scope, '').pk, ':from': from, ':to': to },
  });
  return items.map((item) => ({ date: String(item.sk), ...figuresFrom(readAggregateItem(item).counters) }));
}
