import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors.ts';
import type { PlaceCode } from '../places/provinces.ts';
import { queryAll, type Item } from '../store/items.ts';
import type { Store } from '../store/store.ts';
import { indexPartitions, keys, partitionQuery } from '../table/keys.ts';
import { nameKey } from '../text/name-key.ts';
import { SCOPE_LISTINGS, readAggregateItem } from './aggregate-item.ts';
import { figuresFrom, type Figures } from './figures.ts';
import { parseScope, scopes } from './scopes.ts';
import { placeByCode, type Place } from './read-figures.ts';

/** A programme's figures: its projects' and plans' outputs, summed; `key` is how its name is matched. */
export interface ProgrammeFigures extends Figures {
  name: string;
  key: string;
  updatedAt: string | null;
}

export interface PlaceFigures extends Figures {
  province: Place;
  updatedAt: string | null;
}

function programmeFrom(item: Item): ProgrammeFigures {
  const aggregate = readAggregateItem(item);
  const key = parseScope(aggregate.scope)?.programmeKey ?? '';
  return { name: aggregate.label ?? key, key, ...figuresFrom(aggregate.counters), updatedAt: aggregate.updatedAt ?? null };
}

function placeFrom(item: Item): PlaceFigures {
  const aggregate = readAggregateItem(item);
  return { province: placeByCode(parseScope(aggregate.scope)!.province!), ...figuresFrom(aggregate.counters), updatedAt: aggregate.updatedAt ?? null };
}

/** Every programme that has a project or a plan, by name key (one query). */
export async function listProgrammes(store: Store): Promise<ProgrammeFigures[]> {
  const items = await queryAll(store, partitionQuery(indexPartitions.scopeAggregatesOfKind(SCOPE_LISTINGS.programme)));
  return items.map(programmeFrom);
}

/** One programme, by any spelling of its name, with its provinces (and `IR`). */
export async function programmeFigures(store: Store, name: string): Promise<ProgrammeFigures & { provinces: PlaceFigures[] }> {
  const key = nameKey(name);
  const [own, places] = await Promise.all([
    key ? store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.aggregate(scopes.programme(key)), ConsistentRead: true })) : undefined,
    key ? queryAll(store, partitionQuery(indexPartitions.parentScopeAggregates(scopes.programme(key), SCOPE_LISTINGS.programme))) : [],
  ]);
  if (!own?.Item) throw new NotFoundError('Programme', name);
  return { ...programmeFrom(own.Item), provinces: places.map(placeFrom) };
}

/** A province's (or `IR`'s) programmes, each with its figures in that place. */
export async function programmesOfPlace(store: Store, code: PlaceCode): Promise<(PlaceFigures & { name: string; key: string })[]> {
  const items = await queryAll(store, partitionQuery(indexPartitions.provinceScopeAggregates(code, SCOPE_LISTINGS.programme)));
  return items.map((item) => {
    const { name, key } = programmeFrom(item);
    return { name, key, ...placeFrom(item) };
  });
}

/** A partner's figures in each place it works in; its total is their sum. */
export async function partnerPlaces(store: Store, partnerId: string): Promise<PlaceFigures[]> {
  const items = await queryAll(store, partitionQuery(indexPartitions.parentScopeAggregates(scopes.partner(partnerId), SCOPE_LISTINGS.partner)));
  return items.map(placeFrom);
}
