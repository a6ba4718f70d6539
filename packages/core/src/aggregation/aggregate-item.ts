import { indexKeys, retiredIndexAttributes } from '../table/keys.ts';
import type { Counters } from './counters.ts';
import { parseScope } from './scopes.ts';

/**
 * How an aggregate is stored (its key: `keys.aggregate`): one top-level attribute per counter
 * (`c#<name>`), and per stream shard the highest sequence number applied (`m#<shardId>`,
 * 40-digit string) with when it was set (`t#<shardId>`, epoch ms). Top-level attributes,
 * so an update never needs a map path to exist first.
 */
export const COUNTER_PREFIX = 'c#';
export const MARK_PREFIX = 'm#';
export const MARK_TIME_PREFIX = 't#';
/** Incremented by every write to an aggregate (optimistic check for the refresh's repair). */
export const REVISION = 'revision';
/** The scope's name as readers see it, where its key is not one (a programme): contribution.ts `scopeLabels`. */
export const LABEL = 'label';

/**
 * Where an aggregate is listed: a programme among all programmes (`indexPartitions.programmeAggregates`;
 * programmes change with projects only, a few writes a minute). County aggregates are not
 * listed: a drive day updates Tehran's counties dozens of times a second, and one index key
 * holding them all would take every one of those writes; readers get a province's counties by
 * key from the catalogue (read-figures.ts).
 */
export function aggregateIndexKeys(scope: string): Record<string, string> {
  const parsed = parseScope(scope);
  if (parsed?.kind === 'programme') return indexKeys.programmeAggregate(parsed.programmeKey!);
  return {};
}

/** Index attributes an aggregate stored before may still carry and every write removes (a county's former listing). */
export function retiredAggregateAttributes(scope: string): readonly string[] {
  return parseScope(scope)?.kind === 'county' ? retiredIndexAttributes.countyAggregate : [];
}

export interface StoredAggregate {
  scope: string;
  counters: Counters;
  /** shardId → padded sequence number */
  marks: Map<string, { sequence: string; setAt: number }>;
  updatedAt?: string;
  revision: number;
  label?: string;
}

export function readAggregateItem(item: Record<string, unknown>): StoredAggregate {
  const counters: Counters = new Map();
  const marks = new Map<string, { sequence: string; setAt: number }>();
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(COUNTER_PREFIX) && (typeof value === 'number' || typeof value === 'bigint')) {
      if (BigInt(value) !== 0n) counters.set(name.slice(COUNTER_PREFIX.length), BigInt(value));
    } else if (name.startsWith(MARK_PREFIX) && typeof value === 'string') {
      const shard = name.slice(MARK_PREFIX.length);
      marks.set(shard, { sequence: value, setAt: Number(item[`${MARK_TIME_PREFIX}${shard}`] ?? 0) });
    }
  }
  return {
    scope: String(item.scope),
    counters,
    marks,
    revision: Number(item[REVISION] ?? 0),
    ...(typeof item.updatedAt === 'string' ? { updatedAt: item.updatedAt } : {}),
    ...(typeof item[LABEL] === 'string' ? { label: item[LABEL] } : {}),
  };
}
