import type { PlaceCode } from '../places/provinces.ts';
import { KEY_ATTRIBUTES, TABLE, type IndexName } from './definition.ts';

/**
 * Every key format of the table, in one place. Nothing outside core/table builds a key or
 * names an index (packages/core/test/key-literals.test.ts checks).
 * Ids are ULIDs (or derived from an idempotency key); index sort keys are `createdAt#id`, so lists are newest first.
 */
export type EntityType = 'Project' | 'ProgressReport' | 'Drive' | 'Donation' | 'Distribution' | 'Indicator' | 'Plan' | 'Partner';

export interface ItemKey {
  pk: string;
  sk: string;
}

/** The sort key of each item that is alone in its partition. */
export const SORT_KEYS = {
  project: 'PROJECT',
  drive: 'DRIVE',
  donation: 'DONATION',
  distribution: 'DISTRIBUTION',
  aggregate: 'AGG',
  indicator: 'INDICATOR',
  plan: 'PLAN',
  partner: 'PARTNER',
  partnerName: 'PARTNERNAME',
  finishedShard: 'SHARDDONE',
} as const;

export const keys = {
  project: (id: string): ItemKey => ({ pk: `PROJECT#${id}`, sk: SORT_KEYS.project }),
  progressReport: (projectId: string, reportedAt: string, reportId: string): ItemKey => ({
    pk: `PROJECT#${projectId}`,
    sk: `PROGRESS#${reportedAt}#${reportId}`,
  }),
  progressPrefix: 'PROGRESS#',
  /** The receipt of a progress report sent with an idempotency key: where the report is, and the request's hash. */
  progressReceipt: (projectId: string, reportId: string): ItemKey => ({ pk: `PROJECT#${projectId}`, sk: `RECEIPT#${reportId}` }),
  drive: (id: string): ItemKey => ({ pk: `DRIVE#${id}`, sk: SORT_KEYS.drive }),
  donation: (id: string): ItemKey => ({ pk: `DONATION#${id}`, sk: SORT_KEYS.donation }),
  distribution: (id: string): ItemKey => ({ pk: `DISTRIBUTION#${id}`, sk: SORT_KEYS.distribution }),
  /** An indicator an admin added to the catalogue (the shipped ones live in code). */
  indicator: (code: string): ItemKey => ({ pk: `INDICATOR#${code}`, sk: SORT_KEYS.indicator }),
  plan: (id: string): ItemKey => ({ pk: `PLAN#${id}`, sk: SORT_KEYS.plan }),
  partner: (id: string): ItemKey => ({ pk: `PARTNER#${id}`, sk: SORT_KEYS.partner }),
  /** Holds a partner's name key (text/name-key.ts), so two partners cannot share a name: written in the partner's transaction. */
  partnerName: (nameKey: string): ItemKey => ({ pk: `PARTNERNAME#${nameKey}`, sk: SORT_KEYS.partnerName }),
  /** The live aggregate of a scope (aggregation/scopes.ts): `AGG#<scope>` / `AGG`. */
  aggregate: (scope: string): ItemKey => ({ pk: `AGG#${scope}`, sk: SORT_KEYS.aggregate }),
  /** A daily snapshot of a scope, written by the refresh: `HIST#<scope>` / `<yyyy-mm-dd>`. */
  history: (scope: string, date: string): ItemKey => ({ pk: `HIST#${scope}`, sk: date }),
  /**
   * A stream shard known finished: a child of it has delivered to the aggregator, so its records
   * will not come again unless the stream is read anew (aggregation/finished-shards.ts). Expires (`expiresAt`).
   */
  finishedShard: (shardId: string): ItemKey => ({ pk: `SHARDDONE#${shardId}`, sk: SORT_KEYS.finishedShard }),
  /** A refresh run (aggregation/refresh-run.ts): its plan and which parts are done. Expires (`expiresAt`). */
  refreshRun: (runId: string): ItemKey => ({ pk: `REFRESH#${runId}`, sk: 'RUN' }),
  /** What one part of a refresh run counted: a head naming its chunks, then the chunks. Expires (`expiresAt`). */
  refreshPartHead: (runId: string, part: number): ItemKey => ({ pk: `REFRESH#${runId}#${part}`, sk: 'HEAD' }),
  refreshPartChunk: (runId: string, part: number, chunk: number): ItemKey => ({
    pk: `REFRESH#${runId}#${part}`,
    sk: `CHUNK#${String(chunk).padStart(4, '0')}`,
  }),
};

const { byProvince, byParent, byType } = TABLE.indexes;

/**
 * Donations and distributions: the records a national drive day writes thousands of a second.
 * Their index partition keys are write-sharded (`…#<shard>`), the others are not.
 */
export type ShardedType = Extract<EntityType, 'Donation' | 'Distribution'>;
/** Types whose index keys are one partition each (projects, plans, drives…: low-rate writes). */
export type UnshardedType = Exclude<EntityType, ShardedType>;

/**
 * How many write shards each index key of a donation or distribution is spread over.
 *
 * DynamoDB takes at most 1,000 write units a second per partition key, of an index as of the
 * table (a throttled index key throttles the base table's writes), and the goal keeps 2×
 * headroom: at most 500 a key. At the drive day's peak, 5,000 donations a second, one key
 * of each index can take them all: `TYPE#DONATION` (every donation), `DRIVE#<id>#DONATION`
 * (a national drive), and `PROVINCE#IR-23#DONATION` 2,000 a second (40% in Tehran), or all
 * 5,000 for a drive of one province. A donation item is under 1 KB (a cash donation with a
 * donor 0.7 KB, in kind with five goods 0.95 KB), one write unit per index, so a key needs
 * ⌈5,000 ÷ 500⌉ = 10 shards. 16, the next power of two, leaves 312.5 a second a shard, 381 at
 * four standard deviations of the hash's spread (binomial, σ ≈ 17), and holds 500 even if
 * 60% of the donations passed 1 KB (two units each). Tehran's key alone at 40% would need 4;
 * one number for the three keys keeps one shard per record and one merge. A list reads every
 * shard: 16 Queries a page, 17 while the unsharded key is read too (`queryMergedPage`, store/items.ts).
 */
export const RECORD_SHARDS = 16;

/**
 * The shard of a record: FNV-1a (32-bit) of its id, modulo RECORD_SHARDS. Stable (the id
 * never changes, so a correction or void keeps it) and the same for its three index keys.
 */
export function recordShard(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % RECORD_SHARDS;
}

/** `…#<shard>` on a sharded key; nothing on the unsharded keys records carried before sharding. */
const shardSuffix = (shard: number | undefined) => (shard === undefined ? '' : `#${shard}`);

/** Index partition keys, one builder each, shared by the items that go in and the queries that read them. */
const partitionKeys = {
  byProvince: (province: PlaceCode, type: EntityType, shard?: number) => `PROVINCE#${province}#${type.toUpperCase()}${shardSuffix(shard)}`,
  byProgramme: (programmeKey: string, type: EntityType) => `PROGRAMME#${programmeKey}#${type.toUpperCase()}`,
  byDrive: (driveId: string, type: EntityType, shard?: number) => `DRIVE#${driveId}#${type.toUpperCase()}${shardSuffix(shard)}`,
  byType: (type: EntityType, shard?: number) => `TYPE#${type.toUpperCase()}${shardSuffix(shard)}`,
  programmeAggregates: 'ALL#PROGRAMMEAGG',
};

/** Index keys an item carries: GSI1 by province, GSI2 by programme or drive, GSI3 by type; sort keys order by creation (`listingKey`). */
export const indexKeys = {
  byProvince: (province: PlaceCode, type: UnshardedType, sortKey: string) => ({
    [byProvince.partitionKey]: partitionKeys.byProvince(province, type),
    [byProvince.sortKey]: sortKey,
  }),
  /** A programme's aggregate, among all programmes (sorted by its name key). */
  programmeAggregate: (programmeKey: string) => ({ [byType.partitionKey]: partitionKeys.programmeAggregates, [byType.sortKey]: programmeKey }),
  /** By the name key of the programme (text/name-key.ts): every spelling of a programme lists together. */
  byProgramme: (programmeKey: string, type: EntityType, sortKey: string) => ({
    [byParent.partitionKey]: partitionKeys.byProgramme(programmeKey, type),
    [byParent.sortKey]: sortKey,
  }),
  byType: (type: UnshardedType, sortKey: string) => ({ [byType.partitionKey]: partitionKeys.byType(type), [byType.sortKey]: sortKey }),
  /**
   * A donation's or distribution's three index keys — by province, by drive, by type — each on
   * the record's shard (`recordShard(id)`): `PROVINCE#IR-23#DONATION#7`, `DRIVE#<id>#DONATION#7`, `TYPE#DONATION#7`.
   */
  driveRecord: (type: ShardedType, record: { id: string; province: PlaceCode; driveId: string }, sortKey: string) => {
    const shard = recordShard(record.id);
    return {
      [byProvince.partitionKey]: partitionKeys.byProvince(record.province, type, shard),
      [byProvince.sortKey]: sortKey,
      [byParent.partitionKey]: partitionKeys.byDrive(record.driveId, type, shard),
      [byParent.sortKey]: sortKey,
      [byType.partitionKey]: partitionKeys.byType(type, shard),
      [byType.sortKey]: sortKey,
    };
  },
};

/**
 * Index attributes an item kind no longer carries: county aggregates were listed under their
 * province on the province index (`PROVINCE#<code>#COUNTYAGG`) until a drive day made that key
 * the hottest of the index; every write to a county aggregate removes them.
 */
export const retiredIndexAttributes = { countyAggregate: [byProvince.partitionKey, byProvince.sortKey] as const };

/** One partition of an index, as a query names it. */
export interface IndexPartition {
  index: IndexName;
  partitionKeyName: string;
  partitionKey: string;
}

function partition(index: (typeof TABLE.indexes)[keyof typeof TABLE.indexes], partitionKey: string): IndexPartition {
  return { index: index.name, partitionKeyName: index.partitionKey, partitionKey };
}

/**
 * Every partition of a sharded key, to be read as one list: the RECORD_SHARDS shards, then the
 * unsharded key records carried before sharding (no write makes one now; a correction or void
 * moves such a record to its shard). Drop the last once no stage holds such records.
 */
function shardsOf(index: (typeof TABLE.indexes)[keyof typeof TABLE.indexes], key: (shard?: number) => string): IndexPartition[] {
  return [...Array.from({ length: RECORD_SHARDS }, (_, shard) => partition(index, key(shard))), partition(index, key())];
}

/** The index partitions the store queries (lists newest first by their sort key). */
export const indexPartitions = {
  byProvince: (province: PlaceCode, type: UnshardedType) => partition(byProvince, partitionKeys.byProvince(province, type)),
  byProgramme: (programmeKey: string, type: EntityType) => partition(byParent, partitionKeys.byProgramme(programmeKey, type)),
  byType: (type: UnshardedType) => partition(byType, partitionKeys.byType(type)),
  /** A province's donations or distributions: every shard (and the unsharded key), merged by `queryMergedPage`. */
  recordsByProvince: (province: PlaceCode, type: ShardedType) => shardsOf(byProvince, (shard) => partitionKeys.byProvince(province, type, shard)),
  /** A drive's donations or distributions: every shard (and the unsharded key). */
  byDrive: (driveId: string, type: ShardedType) => shardsOf(byParent, (shard) => partitionKeys.byDrive(driveId, type, shard)),
  /** Every donation or every distribution: every shard (and the unsharded key). */
  recordsByType: (type: ShardedType) => shardsOf(byType, (shard) => partitionKeys.byType(type, shard)),
  /** Every programme's aggregate. */
  programmeAggregates: () => partition(byType, partitionKeys.programmeAggregates),
};

/** The part of a DynamoDB Query that selects one index partition (for a query without other names or values). */
export function partitionQuery(partition: IndexPartition) {
  return {
    IndexName: partition.index,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': partition.partitionKeyName },
    ExpressionAttributeValues: { ':pk': partition.partitionKey },
  };
}

/**
 * Where a read of an index partition stands, compact enough for a cursor holding one per shard:
 * the table key and the index sort key of the last item read (the index partition key is the partition's).
 */
export type IndexPosition = [tableKey: string, tableSortKey: string, indexSortKey: string];

function indexSortKeyName(partition: IndexPartition): string {
  return Object.values(TABLE.indexes).find((index) => index.name === partition.index)!.sortKey;
}

/** The sort key an item has in the partition's index (what a merge of shards orders by). */
export function indexSortKey(partition: IndexPartition, item: Record<string, unknown>): string {
  return String(item[indexSortKeyName(partition)]);
}

/** The position of an item (or of a query's LastEvaluatedKey) in the partition. */
export function indexPosition(partition: IndexPartition, key: Record<string, unknown>): IndexPosition {
  return [String(key[TABLE.partitionKey]), String(key[TABLE.sortKey]), indexSortKey(partition, key)];
}

/** The ExclusiveStartKey that resumes a query of the partition after a position. */
export function startKeyAt(partition: IndexPartition, position: IndexPosition): Record<string, string> {
  return {
    [TABLE.partitionKey]: position[0],
    [TABLE.sortKey]: position[1],
    [partition.partitionKeyName]: partition.partitionKey,
    [indexSortKeyName(partition)]: position[2],
  };
}

/** Attributes that are keys, stripped before an item becomes an entity. */
export const KEY_FIELDS = [...KEY_ATTRIBUTES, 'type'] as const;
