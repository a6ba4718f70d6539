import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { PROVINCES, provinceByCode, type Province, type ProvinceCode } from '../places/provinces.ts';
import { queryAll } from '../store/items.ts';
import type { Store } from '../store/store.ts';
import { indexPartitions, keys, partitionQuery } from '../table/keys.ts';
import { readAggregateItem } from './aggregate-item.ts';
import { addInto, type Counters } from './counters.ts';
import { figuresFrom, type Figures } from './figures.ts';
import { NATIONAL_SCOPE, parseScope, scopes } from './scopes.ts';

export interface ProvinceFigures extends Figures {
  province: Province;
  updatedAt: string | null;
}

export interface CountyFigures extends Figures {
  county: string;
  updatedAt: string | null;
}

function aggregateFigures(item: Record<string, unknown> | undefined): { counters: Counters; updatedAt: string | null } {
  if (!item) return { counters: new Map(), updatedAt: null };
  const aggregate = readAggregateItem(item);
  return { counters: aggregate.counters, updatedAt: aggregate.updatedAt ?? null };
}

/** All 31 provinces and the national total, live: one batch read of 31 items. */
export async function allProvinceFigures(store: Store): Promise<{ provinces: ProvinceFigures[]; national: Figures & { updatedAt: string | null } }> {
  const result = await store.doc.send(
    new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: PROVINCES.map((p) => keys.aggregate(scopes.province(p.code))), ConsistentRead: true } } }),
  );
  let items = result.Responses?.[store.tableName] ?? [];
  // BatchGet may leave keys unprocessed under load: read those one by one.
  const unprocessed = result.UnprocessedKeys?.[store.tableName]?.Keys ?? [];
  for (const key of unprocessed) {
    const one = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }));
    if (one.Item) items = [...items, one.Item];
  }
  const byScope = new Map(items.map((item) => [String(item.scope), item]));
  const national = new Map<string, bigint>();
  let latest: string | null = null;
  const provinces = PROVINCES.map((province) => {
    const { counters, updatedAt } = aggregateFigures(byScope.get(scopes.province(province.code)));
    addInto(national, counters);
    if (updatedAt && (!latest || updatedAt > latest)) latest = updatedAt;
    return { province, ...figuresFrom(counters), updatedAt };
  });
  return { provinces, national: { ...figuresFrom(national), updatedAt: latest } };
}

/** One province with its counties (one read and one query, whatever the data size). */
export async function provinceFigures(store: Store, code: ProvinceCode): Promise<ProvinceFigures & { counties: CountyFigures[] }> {
  const [own, counties] = await Promise.all([
    store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.aggregate(scopes.province(code)), ConsistentRead: true })),
    queryAll(store, partitionQuery(indexPartitions.countyAggregates(code))),
  ]);
  const { counters, updatedAt } = aggregateFigures(own.Item);
  return {
    province: provinceByCode(code),
    ...figuresFrom(counters),
    updatedAt,
    counties: counties.map((item) => {
      const aggregate = readAggregateItem(item);
      return { county: parseScope(aggregate.scope)?.county ?? '', ...figuresFrom(aggregate.counters), updatedAt: aggregate.updatedAt ?? null };
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
export async function provinceHistory(store: Store, code: ProvinceCode | 'national', from: string, to: string): Promise<HistoryPoint[]> {
  const scope = code === 'national' ? NATIONAL_SCOPE : scopes.province(code);
  const items = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.history(scope, '').pk, ':from': from, ':to': to },
  });
  return items.map((item) => ({ date: String(item.sk), ...figuresFrom(readAggregateItem(item).counters) }));
}
