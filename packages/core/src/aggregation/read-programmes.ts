import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors.ts';
import { PLACE_CODES, type PlaceCode } from '../places/provinces.ts';
import { queryAll, type Item } from '../store/items.ts';
import type { Store } from '../store/store.ts';
import { indexPartitions, keys, partitionQuery } from '../table/keys.ts';
import { nameKey } from '../text/name-key.ts';
import { readAggregateItem } from './aggregate-item.ts';
import { splitBreakdown, type BreakdownDimension } from './counter-names.ts';
import type { Counters } from './counters.ts';
import { figuresFrom, type Figures } from './figures.ts';
import { placeByCode, readAggregates, type Place } from './read-figures.ts';
import { parseScope, scopes } from './scopes.ts';

/** A programme's figures: its projects' and plans' outputs, summed; `key` is how its name is matched. */
export interface ProgrammeFigures extends Figures {
  name: string;
  key: string;
  updatedAt: string | null;
}

/** A programme's figures in one place (from the place's breakdown). */
export interface PlaceFigures extends Figures {
  province: Place;
  updatedAt: string | null;
}

/** A partner's work in one place: what its projects and distributions there count ("who does what where"). */
export interface PartnerPlaceFigures {
  province: Place;
  projects: { total: number; budgetToman: bigint; loansToman: bigint; jobsCreated: number; housingUnits: number; beneficiaryHouseholds: number };
  distributions: { count: number; packages: number; households: number; valueToman: bigint };
  updatedAt: string | null;
}

function programmeFrom(item: Item): ProgrammeFigures {
  const aggregate = readAggregateItem(item);
  const key = parseScope(aggregate.scope)?.programmeKey ?? '';
  return { name: aggregate.label ?? key, key, ...figuresFrom(aggregate.counters), updatedAt: aggregate.updatedAt ?? null };
}

/** Every place's breakdown by one programme or partner: one batch read of 32 items. */
async function breakdownsOf(
  store: Store,
  dimension: BreakdownDimension,
  id: string,
): Promise<{ place: PlaceCode; counters: Counters; updatedAt: string | null }[]> {
  const items = await readAggregates(
    store,
    PLACE_CODES.map((p) => scopes.breakdown(p)),
  );
  return PLACE_CODES.flatMap((place) => {
    const item = items.get(scopes.breakdown(place));
    if (!item) return [];
    const aggregate = readAggregateItem(item);
    const counters = splitBreakdown(aggregate.counters, dimension).get(id);
    return counters ? [{ place, counters, updatedAt: aggregate.updatedAt ?? null }] : [];
  });
}

/** Every programme that has a project or a plan, by name key (one query). */
export async function listProgrammes(store: Store): Promise<ProgrammeFigures[]> {
  const items = await queryAll(store, partitionQuery(indexPartitions.programmeAggregates()));
  return items.map(programmeFrom);
}

/** One programme, by any spelling of its name, with each place it counts in (provinces and `IR`). */
export async function programmeFigures(store: Store, name: string): Promise<ProgrammeFigures & { provinces: PlaceFigures[] }> {
  const key = nameKey(name);
  if (!key) throw new NotFoundError('Programme', name);
  const [own, places] = await Promise.all([
    store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.aggregate(scopes.programme(key)), ConsistentRead: true })),
    breakdownsOf(store, 'programme', key),
  ]);
  if (!own.Item) throw new NotFoundError('Programme', name);
  return {
    ...programmeFrom(own.Item),
    provinces: places.map(({ place, counters, updatedAt }) => ({ province: placeByCode(place), ...figuresFrom(counters), updatedAt })),
  };
}

/** A province's (or `IR`'s) programmes, each with its figures in that place: its breakdown and the programmes' names. */
export async function programmesOfPlace(store: Store, code: PlaceCode): Promise<(PlaceFigures & { name: string; key: string })[]> {
  const own = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.aggregate(scopes.breakdown(code)), ConsistentRead: true }));
  if (!own.Item) return [];
  const breakdown = readAggregateItem(own.Item);
  const byProgramme = [...splitBreakdown(breakdown.counters, 'programme')].sort(([a], [b]) => a.localeCompare(b));
  if (!byProgramme.length) return [];
  const names = await readAggregates(
    store,
    byProgramme.map(([key]) => scopes.programme(key)),
  );
  return byProgramme.map(([key, counters]) => {
    const programme = names.get(scopes.programme(key));
    const name = (programme && readAggregateItem(programme).label) ?? key;
    return { name, key, province: placeByCode(code), ...figuresFrom(counters), updatedAt: breakdown.updatedAt ?? null };
  });
}

/** A partner's work in each place it works in; its total is their sum. */
export async function partnerPlaces(store: Store, partnerId: string): Promise<PartnerPlaceFigures[]> {
  return (await breakdownsOf(store, 'partner', partnerId)).map(({ place, counters, updatedAt }) => {
    const big = (name: string) => counters.get(name) ?? 0n;
    const num = (name: string) => Number(big(name));
    return {
      province: placeByCode(place),
      projects: {
        total: num('projects'),
        budgetToman: big('budgetToman'),
        loansToman: big('loansToman'),
        jobsCreated: num('jobsCreated'),
        housingUnits: num('housingUnits'),
        beneficiaryHouseholds: num('beneficiaryHouseholds'),
      },
      distributions: { count: num('distributions'), packages: num('packages'), households: num('households'), valueToman: big('distributedToman') },
      updatedAt,
    };
  });
}
