import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, type NativeAttributeValue, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { AlreadyExistsError, IdempotencyKeyReusedError, NotFoundError, VersionMismatchError } from '../errors.ts';
import type { IndexName } from '../table/definition.ts';
import { KEY_FIELDS, type ItemKey } from '../table/keys.ts';
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

export async function getItem(store: Store, key: ItemKey): Promise<Item | undefined> {
  const result = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }));
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

/**
 * One page of a query. Filters are applied by DynamoDB; round trips continue until the page
 * is full or the partition is exhausted (bounded), so a selective filter does not yield
 * empty pages.
 */
export async function queryPage(store: Store, query: PageQuery): Promise<Page<Item>> {
  const fingerprint = { ...query, cursor: undefined, limit: undefined };
  let start = query.cursor ? decodeCursor(store.cursorSecret, fingerprint, query.cursor) : undefined;
  const names: Record<string, string> = { '#pk': query.partitionKeyName };
  const values: Record<string, NativeAttributeValue> = { ':pk': query.partitionKey };
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

  const items: Item[] = [];
  for (let trip = 0; trip < MAX_ROUND_TRIPS && items.length < query.limit; trip++) {
    const result = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: query.index,
        KeyConditionExpression: keyCondition,
        FilterExpression: filterParts.length ? filterParts.join(' AND ') : undefined,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
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
