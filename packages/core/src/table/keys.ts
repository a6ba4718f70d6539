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
};

const { byProvince, byParent, byType } = TABLE.indexes;

/** Index partition keys, one builder each, shared by the items that go in and the queries that read them. */
const partitionKeys = {
  byProvince: (province: PlaceCode, type: EntityType) => `PROVINCE#${province}#${type.toUpperCase()}`,
  countyAggregates: (province: PlaceCode) => `PROVINCE#${province}#COUNTYAGG`,
  byProgramme: (programmeKey: string, type: EntityType) => `PROGRAMME#${programmeKey}#${type.toUpperCase()}`,
  byDrive: (driveId: string, type: EntityType) => `DRIVE#${driveId}#${type.toUpperCase()}`,
  byType: (type: EntityType) => `TYPE#${type.toUpperCase()}`,
  programmeAggregates: 'ALL#PROGRAMMEAGG',
};

/** Index keys an item carries: GSI1 by province, GSI2 by programme or drive, GSI3 by type; sort keys order by creation (`listingKey`). */
export const indexKeys = {
  byProvince: (province: PlaceCode, type: EntityType, sortKey: string) => ({
    [byProvince.partitionKey]: partitionKeys.byProvince(province, type),
    [byProvince.sortKey]: sortKey,
  }),
  /** A county's aggregate, listed under its province (sorted by county name). */
  countyAggregate: (province: PlaceCode, county: string) => ({
    [byProvince.partitionKey]: partitionKeys.countyAggregates(province),
    [byProvince.sortKey]: county,
  }),
  /** A programme's aggregate, among all programmes (sorted by its name key). */
  programmeAggregate: (programmeKey: string) => ({ [byType.partitionKey]: partitionKeys.programmeAggregates, [byType.sortKey]: programmeKey }),
  /** By the name key of the programme (text/name-key.ts): every spelling of a programme lists together. */
  byProgramme: (programmeKey: string, type: EntityType, sortKey: string) => ({
    [byParent.partitionKey]: partitionKeys.byProgramme(programmeKey, type),
    [byParent.sortKey]: sortKey,
  }),
  byDrive: (driveId: string, type: EntityType, sortKey: string) => ({
    [byParent.partitionKey]: partitionKeys.byDrive(driveId, type),
    [byParent.sortKey]: sortKey,
  }),
  byType: (type: EntityType, sortKey: string) => ({ [byType.partitionKey]: partitionKeys.byType(type), [byType.sortKey]: sortKey }),
};

/** One partition of an index, as a query names it. */
export interface IndexPartition {
  index: IndexName;
  partitionKeyName: string;
  partitionKey: string;
}

function partition(index: (typeof TABLE.indexes)[keyof typeof TABLE.indexes], partitionKey: string): IndexPartition {
  return { index: index.name, partitionKeyName: index.partitionKey, partitionKey };
}

/** The index partitions the store queries (lists newest first by their sort key). */
export const indexPartitions = {
  byProvince: (province: PlaceCode, type: EntityType) => partition(byProvince, partitionKeys.byProvince(province, type)),
  countyAggregates: (province: PlaceCode) => partition(byProvince, partitionKeys.countyAggregates(province)),
  byProgramme: (programmeKey: string, type: EntityType) => partition(byParent, partitionKeys.byProgramme(programmeKey, type)),
  byDrive: (driveId: string, type: EntityType) => partition(byParent, partitionKeys.byDrive(driveId, type)),
  byType: (type: EntityType) => partition(byType, partitionKeys.byType(type)),
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

/** Attributes that are keys, stripped before an item becomes an entity. */
export const KEY_FIELDS = [...KEY_ATTRIBUTES, 'type'] as const;
