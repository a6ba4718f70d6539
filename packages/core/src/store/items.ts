import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, type NativeAttributeValue, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { AlreadyExistsError, IdempotencyKeyReusedError, InvalidCursorError, NotFoundError, VersionMismatchError } from '../errors.ts';
import type { IndexName } from '../table/definition.ts';
import { KEY_FIELDS, indexPosition, indexSortKey, startKeyAt, type IndexPartition, type IndexPosition, type ItemKey } from '../table/keys.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { REQUEST_HASH_ATTRIBUTE, idForIdempotencyKey, requestHash, type IdempotencyKey } from './idempotency.ts';
import { newId } from './ids.ts';
import type { Store } from './store.ts';

export type Item = Record<string, NativeAttributeValue>;

/**
 * An item as the domain sees it: without key attributes, and with money as bigint. Every
 * money attribute is named `…Toman`; DynamoDB hands small amounts back as plain numbers.
 */
export function withoutKeys<T>(item: Item): T {
  const entity: Item = {};
  // for…in and a Set: four times faster than entries() and includes() (every item of every list passes here).
  for (const name in item) {
    if (NOT_ENTITY_ATTRIBUTES.has(name)) continue;
    const value = item[name];
    entity[name] = typeof value === 'number' && name.endsWith('Toman') ? BigInt(value) : value;
  }
  return entity as T;
}

const NOT_ENTITY_ATTRIBUTES = new Set<string>([...KEY_FIELDS, REQUEST_HASH_ATTRIBUTE]);

/**
 * An index sort key that orders an entity by creation time: `createdAt#id`. Ids derived from
 * an idempotency key carry no time, so lists order by `createdAt`, which never changes.
 */
export function listingKey(entity: { createdAt: string; id: string }): string {
  return `${entity.createdAt}#${entity.id}`;
}

/** What an item carries beyond its entity that a replacement must keep (the request hash of its create). */
export function internalAttributes(item: Item): Item {
  return item[REQUEST_HASH_ATTRIBUTE] === undefined ? {} : { [REQUEST_HASH_ATTRIBUTE]: item[REQUEST_HASH_ATTRIBUTE] };
}

/** An item by its key: read strongly consistently unless `consistent` is false (half the read units, may miss a write of the last second). */
export async function getItem(store: Store, key: ItemKey, consistent = true): Promise<Item | undefined> {
  const result = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: consistent }));
  return result.Item;
}

/** BatchGetItem takes at most this many keys a request. */
const BATCH_GET_LIMIT = 100;

/**
 * The items of several keys, read consistently in batch reads of at most 100 keys; what a batch
 * leaves unprocessed under load is read one by one. Keys with no item are left out.
 */
export async function getItems(store: Store, itemKeys: readonly ItemKey[]): Promise<Item[]> {
  const items: Item[] = [];
  for (let start = 0; start < itemKeys.length; start += BATCH_GET_LIMIT) {
    const result = await store.doc.send(
      new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: itemKeys.slice(start, start + BATCH_GET_LIMIT), ConsistentRead: true } } }),
    );
    items.push(...(result.Responses?.[store.tableName] ?? []));
    for (const key of result.UnprocessedKeys?.[store.tableName]?.Keys ?? []) {
      const item = await getItem(store, key as ItemKey);
      if (item) items.push(item);
    }
  }
  return items;
}

/**
 * A stored entity by its key, as `read` makes it (the item without keys by default), with what
 * a replacement of it must keep; NotFoundError naming the entity when there is none.
 */
export async function getEntityItem<T>(
  store: Store,
  key: ItemKey,
  entity: string,
  id: string,
  read: (item: Item) => T = (item) => withoutKeys<T>(item),
): Promise<{ entity: T; internal: Item }> {
  const item = await getItem(store, key);
  if (!item) throw new NotFoundError(entity, id);
  return { entity: read(item), internal: internalAttributes(item) };
}

/** How a create is identified: a fresh id, or one derived from the caller's idempotency key. */
export interface NewEntity {
  id: string;
  /** Set when the request carried an idempotency key: the hash of its fields. */
  requestHash?: string;
}

export function newEntity(fields: unknown, idempotencyKey: IdempotencyKey | undefined): NewEntity {
  return idempotencyKey ? { id: idForIdempotencyKey(idempotencyKey), requestHash: requestHash(fields) } : { id: newId() };
}

/**
 * Creates an item, exactly once per idempotency key: the conditional put that forbids
 * overwrites is the duplicate check. When the item already exists because an earlier request
 * with the same key and fields wrote it, that item is returned (`replayed`); the same key with
 * other fields is an error. One request either way.
 */
export async function putNewEntityItem(store: Store, item: Item, entity: string, created: NewEntity): Promise<{ replayed?: Item }> {
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: created.requestHash ? { ...item, [REQUEST_HASH_ATTRIBUTE]: created.requestHash } : item,
        ConditionExpression: 'attribute_not_exists(pk)',
        ...(created.requestHash ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
      }),
    );
    return {};
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (!created.requestHash || !error.Item) throw new AlreadyExistsError(entity, created.id);
    const existing = unmarshall(error.Item);
    if (existing[REQUEST_HASH_ATTRIBUTE] !== created.requestHash || existing.type !== item.type) throw new IdempotencyKeyReusedError();
    return { replayed: existing };
  }
}

/** Replaces an item only if it still has the version the caller read (optimistic locking). */
export async function replaceItemAtVersion(store: Store, item: Item, expectedVersion: number, entity: string, id: string): Promise<void> {
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: item,
        ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      if (!error.Item) throw new NotFoundError(entity, id);
      throw new VersionMismatchError(entity, id, expectedVersion);
    }
    throw error;
  }
}

export async function deleteItemAtVersion(store: Store, key: ItemKey, expectedVersion: number | undefined, entity: string, id: string): Promise<void> {
  try {
    await store.doc.send(
      new DeleteCommand({
        TableName: store.tableName,
        Key: key,
        ConditionExpression: expectedVersion === undefined ? 'attribute_exists(pk)' : 'attribute_exists(pk) AND #version = :expected',
        ...(expectedVersion === undefined
          ? {}
          : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      if (!error.Item) throw new NotFoundError(entity, id);
      throw new VersionMismatchError(entity, id, expectedVersion ?? 0);
    }
    throw error;
  }
}

export interface PageQuery {
  /** Undefined for the table's own key. */
  index?: IndexName;
  partitionKeyName: string;
  partitionKey: string;
  sortKeyPrefix?: { name: string; prefix: string };
  /** Equality filters on plain attributes; an array means "any of". */
  filters?: Record<string, string | number | readonly string[] | undefined>;
  /** `contains` filters: a string attribute holding a substring (a name key holding a search's key), or a set holding a value. */
  contains?: Record<string, string | undefined>;
  /** A string attribute within inclusive bounds (ISO dates compare as strings); an unset bound is open. */
  between?: { name: string; from?: string | undefined; to?: string | undefined };
  newestFirst?: boolean;
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Present when more items may follow. */
  cursor?: string;
}

const MAX_ROUND_TRIPS = 8;

/** The expressions of a query, its partition key aside (`:pk`, set per partition). */
interface QueryExpressions {
  keyCondition: string;
  filter: string | undefined;
  names: Record<string, string>;
  values: Record<string, NativeAttributeValue>;
}

function queryExpressions(query: Omit<PageQuery, 'index' | 'partitionKey' | 'limit' | 'cursor'>): QueryExpressions {
  const names: Record<string, string> = { '#pk': query.partitionKeyName };
  const values: Record<string, NativeAttributeValue> = {};
  let keyCondition = '#pk = :pk';
  if (query.sortKeyPrefix) {
    names['#sk'] = query.sortKeyPrefix.name;
    values[':skPrefix'] = query.sortKeyPrefix.prefix;
    keyCondition += ' AND begins_with(#sk, :skPrefix)';
  }
  const filterParts: string[] = [];
  Object.entries(query.filters ?? {}).forEach(([name, value], i) => {
    if (value === undefined) return;
    names[`#f${i}`] = name;
    if (Array.isArray(value)) {
      const placeholders = value.map((v, j) => {
        values[`:f${i}_${j}`] = v;
        return `:f${i}_${j}`;
      });
      filterParts.push(`#f${i} IN (${placeholders.join(', ')})`);
    } else {
      values[`:f${i}`] = value;
      filterParts.push(`#f${i} = :f${i}`);
    }
  });
  Object.entries(query.contains ?? {}).forEach(([name, value], i) => {
    if (value === undefined) return;
    names[`#c${i}`] = name;
    values[`:c${i}`] = value;
    filterParts.push(`contains(#c${i}, :c${i})`);
  });
  if (query.between && (query.between.from !== undefined || query.between.to !== undefined)) {
    names['#b'] = query.between.name;
    if (query.between.from !== undefined) {
      values[':bFrom'] = query.between.from;
      filterParts.push('#b >= :bFrom');
    }
    if (query.between.to !== undefined) {
      values[':bTo'] = query.between.to;
      filterParts.push('#b <= :bTo');
    }
  }
  return { keyCondition, filter: filterParts.length ? filterParts.join(' AND ') : undefined, names, values };
}

/**
 * One page of a query. Filters are applied by DynamoDB; round trips continue until the page
 * is full or the partition is exhausted (bounded), so a selective filter does not yield
 * empty pages.
 */
export async function queryPage(store: Store, query: PageQuery): Promise<Page<Item>> {
  const fingerprint = { ...query, cursor: undefined, limit: undefined };
  let start = query.cursor ? decodeCursor(store.cursorSecret, fingerprint, query.cursor) : undefined;
  const { keyCondition, filter, names, values } = queryExpressions(query);
  const items: Item[] = [];
  for (let trip = 0; trip < MAX_ROUND_TRIPS && items.length < query.limit; trip++) {
    const result = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: query.index,
        KeyConditionExpression: keyCondition,
        FilterExpression: filter,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ':pk': query.partitionKey },
        ExclusiveStartKey: start,
        ScanIndexForward: !query.newestFirst,
        Limit: query.limit - items.length,
      }),
    );
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
    if (!start) break;
  }
  return start ? { items, cursor: encodeCursor(store.cursorSecret, fingerprint, start) } : { items };
}

/** A list kept in several partitions of one index (the shards of a write-sharded key), read as one. */
export interface MergedPageQuery extends Omit<PageQuery, 'index' | 'partitionKeyName' | 'partitionKey' | 'sortKeyPrefix'> {
  /** Partitions of one index; their items merge by the index's sort key (`createdAt#id`). */
  partitions: readonly IndexPartition[];
}

/** What a merged page knows of one partition. */
interface PartitionRead {
  partition: IndexPartition;
  /** Items read and not yet in the page, in the list's order. */
  buffer: Item[];
  /** Where the partition's next Query starts (undefined: at its beginning). */
  next: Item | undefined;
  /** Nothing follows `next`. */
  exhausted: boolean;
  /** While `buffer` holds items, where the next page resumes: the last item taken, or where the buffer was read from. */
  resume: Item | undefined;
  /** Items the partition's next Query evaluates: doubles each time (a selective filter), up to the page. */
  chunk: number;
}

/** A partition in a merged page's cursor: where it resumes, `start` (its beginning) or `end` (read to its end). */
type PartitionCursor = IndexPosition | 'start' | 'end';

function partitionCursors(position: Record<string, unknown>, count: number): PartitionCursor[] {
  const cursors = position.partitions;
  const valid =
    Array.isArray(cursors) &&
    cursors.length === count &&
    cursors.every((c) => c === 'start' || c === 'end' || (Array.isArray(c) && c.length === 3 && c.every((part) => typeof part === 'string')));
  if (!valid) throw new InvalidCursorError();
  return cursors as PartitionCursor[];
}

/**
 * One page of a list kept in several partitions (the RECORD_SHARDS shards of a donation or
 * distribution key, table/keys.ts), merged by the index's sort key as if it were one partition:
 * a k-way merge. Each partition is queried once for about twice its share of the page
 * (`2⌈limit ÷ partitions⌉ + 2`, at most `limit`), all at once, and again (twice as many) only
 * when the merge has taken every item read from it and needs its next: a page costs one Query
 * per partition not read to its end, rarely more (a partition holding well over its share of
 * the page, or a selective filter), at most MAX_ROUND_TRIPS rounds. An item goes in the page
 * only once every partition's next item is known, so none is skipped or repeated. The cursor,
 * signed and bound to the query (the partitions and filters), holds each partition's position:
 * its last item in a page, `start` or `end`.
 */
export async function queryMergedPage(store: Store, query: MergedPageQuery): Promise<Page<Item>> {
  const { partitions, limit } = query;
  const [firstPartition] = partitions;
  if (!firstPartition || partitions.some((p) => p.index !== firstPartition.index)) throw new Error('A merged page reads partitions of one index');
  const fingerprint = { ...query, cursor: undefined, limit: undefined };
  const cursors: PartitionCursor[] = query.cursor
    ? partitionCursors(decodeCursor(store.cursorSecret, fingerprint, query.cursor), partitions.length)
    : partitions.map(() => 'start');
  const first = Math.min(limit, 2 * Math.ceil(limit / partitions.length) + 2);
  const reads = partitions.map((partition, i): PartitionRead => {
    const at = cursors[i]!;
    const next = Array.isArray(at) ? startKeyAt(partition, at) : undefined;
    return { partition, buffer: [], next, exhausted: at === 'end', resume: next, chunk: first };
  });
  const { keyCondition, filter, names, values } = queryExpressions({ ...query, partitionKeyName: firstPartition.partitionKeyName });
  const read = async (shard: PartitionRead) => {
    const result = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: shard.partition.index,
        KeyConditionExpression: keyCondition,
        FilterExpression: filter,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ':pk': shard.partition.partitionKey },
        ExclusiveStartKey: shard.next,
        ScanIndexForward: !query.newestFirst,
        Limit: shard.chunk,
      }),
    );
    shard.resume = shard.next;
    shard.buffer = result.Items ?? [];
    shard.next = result.LastEvaluatedKey;
    shard.exhausted = !result.LastEvaluatedKey;
    shard.chunk = Math.min(limit, shard.chunk * 2);
  };
  const comesFirst = (a: string, b: string) => (query.newestFirst ? a > b : a < b);

  const items: Item[] = [];
  let rounds = 0;
  while (items.length < limit) {
    // A partition whose next item is unknown is read first: that item may come before every other.
    const unknown = reads.filter((r) => !r.buffer.length && !r.exhausted);
    if (unknown.length) {
      if (rounds++ === MAX_ROUND_TRIPS) break;
      await Promise.all(unknown.map(read));
      continue;
    }
    let head: PartitionRead | undefined;
    let headKey = '';
    for (const r of reads) {
      if (!r.buffer.length) continue;
      const key = indexSortKey(r.partition, r.buffer[0]!);
      if (!head || comesFirst(key, headKey)) [head, headKey] = [r, key];
    }
    if (!head) break; // every partition read to its end
    const item = head.buffer.shift()!;
    head.resume = item;
    items.push(item);
  }

  const positions = reads.map((r): PartitionCursor => {
    const at = r.buffer.length ? r.resume : r.exhausted ? 'end' : r.next;
    return at === 'end' ? at : at ? indexPosition(r.partition, at) : 'start';
  });
  return positions.every((p) => p === 'end') ? { items } : { items, cursor: encodeCursor(store.cursorSecret, fingerprint, { partitions: positions }) };
}

/** Every item a query finds, page after page (for small result sets: a province's counties, a year of history). */
export async function queryAll(store: Store, query: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const page = await store.doc.send(new QueryCommand({ ...query, TableName: store.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
