import { keys } from '../packages/core/src/table/keys';
import type { Route } from '../packages/functions/src/http/routes';
import type { Table } from './table';

/**
 * Least privilege on the table. Every function gets only the DynamoDB actions it calls, and
 * writes are confined by `dynamodb:LeadingKeys` (the partition key of the written item) to
 * the items that kind of function owns:
 *
 * | function | reads | writes (partition keys) |
 * |---|---|---|
 * | HTTP GET handlers | GetItem, BatchGetItem, Query (table and indexes) | nothing |
 * | HTTP write handlers | the same | their resource's items (`PROJECT#…`, `DRIVE#…`, `DONATION#…`, `DISTRIBUTION#…`, `PARTNER#…` with `PARTNERNAME#…`, `INDICATOR#…`, `PLAN#…`), idempotency included (it rides in the item) |
 * | aggregator | GetItem on `SHARDDONE#…` | UpdateItem on `AGG#…`, PutItem on `SHARDDONE#…` |
 * | refresh | Scan, DescribeTable (table); GetItem, BatchGetItem, Query | PutItem, UpdateItem on `AGG#…`, `HIST#…`, `REFRESH#…` |
 *
 * On top of the allows, explicit denies keep the two sides apart even if a broader allow is
 * ever added (a `link`, say): the API cannot write aggregates or history, and the
 * aggregator and refresh cannot write projects, drives, donations or distributions.
 */

type Permission = sst.aws.FunctionPermissionArgs;

/** A partition key pattern for each kind of item, built from core's key formats. */
export const KEY_PATTERNS = {
  /** Projects and their progress reports (same partition). */
  project: keys.project('*').pk,
  drive: keys.drive('*').pk,
  donation: keys.donation('*').pk,
  distribution: keys.distribution('*').pk,
  /** Partners, and the claims that keep their names unique (written in the partner's transaction). */
  partner: keys.partner('*').pk,
  partnerName: keys.partnerName('*').pk,
  /** Indicators admins add to the catalogue, and programme plans. */
  indicator: keys.indicator('*').pk,
  plan: keys.plan('*').pk,
  aggregate: keys.aggregate('*').pk,
  history: keys.history('*', '').pk,
  /** A refresh run and its parts' counts (`REFRESH#<run>`, `REFRESH#<run>#<part>`). */
  refresh: keys.refreshRun('*').pk,
  /** Stream shards the aggregator has seen finished (core aggregation/finished-shards.ts). */
  finishedShard: keys.finishedShard('*').pk,
} as const;

const ENTITY_PATTERNS = [
  KEY_PATTERNS.project,
  KEY_PATTERNS.drive,
  KEY_PATTERNS.donation,
  KEY_PATTERNS.distribution,
  KEY_PATTERNS.partner,
  KEY_PATTERNS.partnerName,
  KEY_PATTERNS.indicator,
  KEY_PATTERNS.plan,
];
const DERIVED_PATTERNS = [KEY_PATTERNS.aggregate, KEY_PATTERNS.history, KEY_PATTERNS.refresh, KEY_PATTERNS.finishedShard];

export const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
/** Conditional puts, updates and deletes, and a transaction's condition checks (a TransactWriteItems needs the action of each of its items). */
export const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];
/** Every action that can change an item, for the explicit denies. */
const ANY_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** Which items the write handlers of each resource (the handler's folder) write. */
const RESOURCE_ITEMS: Record<string, string | readonly string[]> = {
  projects: KEY_PATTERNS.project,
  drives: KEY_PATTERNS.drive,
  donations: KEY_PATTERNS.donation,
  distributions: KEY_PATTERNS.distribution,
  partners: [KEY_PATTERNS.partner, KEY_PATTERNS.partnerName],
  indicators: KEY_PATTERNS.indicator,
  plans: KEY_PATTERNS.plan,
};

/**
 * The partition keys a route's handler may write: none for GET; its resource's items for the
 * others (an `Idempotency-Key` decides the new item's id, or rides in its transaction).
 */
export function routeWrites(route: Pick<Route, 'method' | 'path' | 'handler'>): string[] {
  if (route.method === 'GET') return [];
  const resource = route.handler.split('/')[0] ?? '';
  const items = RESOURCE_ITEMS[resource];
  if (!items) {
    throw new Error(`${route.method} ${route.path} writes, but stacks/access.ts does not say which items the "${resource}" handlers write`);
  }
  return [items].flat();
}

function tableAndIndexes(table: Table) {
  return [table.arn, $interpolate`${table.arn}/index/*`];
}

function leadingKeys(test: 'ForAllValues:StringLike' | 'ForAnyValue:StringLike', patterns: string[]) {
  return [{ test, variable: 'dynamodb:LeadingKeys', values: patterns }];
}

/** The actions, on the items whose partition key matches one of the patterns only (writes, and the aggregator's one confined read). */
function allowOnKeys(table: Table, actions: string[], patterns: string[]): Permission {
  return { actions, resources: [table.arn], conditions: leadingKeys('ForAllValues:StringLike', patterns) };
}

function denyWrites(table: Table, patterns: string[]): Permission {
  return { effect: 'deny', actions: ANY_WRITE, resources: [table.arn], conditions: leadingKeys('ForAnyValue:StringLike', patterns) };
}

/** An HTTP handler: reads anything in the table; writes only what its route owns. */
export function httpHandlerPermissions(table: Table, route: Route): Permission[] {
  const writes = routeWrites(route);
  return [
    { actions: READ_ACTIONS, resources: tableAndIndexes(table) },
    ...(writes.length > 0 ? [allowOnKeys(table, WRITE_ACTIONS, writes)] : []),
    denyWrites(table, DERIVED_PATTERNS),
  ];
}

/**
 * The aggregator: one conditional UpdateItem per aggregate scope; and the record of finished
 * stream shards, read (is this batch's shard finished?) and written (its ancestors are).
 */
export function aggregatorPermissions(table: Table): Permission[] {
  return [
    allowOnKeys(table, ['dynamodb:UpdateItem'], [KEY_PATTERNS.aggregate]),
    allowOnKeys(table, ['dynamodb:GetItem', 'dynamodb:PutItem'], [KEY_PATTERNS.finishedShard]),
    denyWrites(table, ENTITY_PATTERNS),
  ];
}

/**
 * The refresh, in steps (core aggregation/refresh-run.ts): the table's size to plan the parts
 * (DescribeTable); each part a few segments of a parallel scan, its count stored under its run; the
 * merge reads the counts (Query, GetItem) and the aggregates (BatchGetItem), then repairs
 * aggregates and writes the national rollup and history.
 */
export function refreshPermissions(table: Table): Permission[] {
  return [
    { actions: ['dynamodb:Scan', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], resources: [table.arn] },
    allowOnKeys(table, ['dynamodb:PutItem', 'dynamodb:UpdateItem'], [KEY_PATTERNS.aggregate, KEY_PATTERNS.history, KEY_PATTERNS.refresh]),
    denyWrites(table, ENTITY_PATTERNS),
  ];
}
