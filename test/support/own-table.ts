import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createTableInput, recount, type ChangeRecord, type Counters, type Store } from '@abad/core';
import { readAggregateItem, type StoredAggregate } from '@abad/core/aggregation/aggregate-item';
import { keys } from '@abad/core/table/keys';
import { toChangeRecord } from '@abad/functions/stream/event';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import type { DynamoDBRecord } from 'aws-lambda';
import { inject } from 'vitest';
import { readWholeStream } from './stream.ts';

/**
 * A table of a test's own on the stack's DynamoDB Local, with its stream, that no stream
 * poller reads: the test delivers the records to the aggregator itself, when it chooses, and
 * runs the refresh on a clock it moves.
 */
export interface OwnTable {
  /** Reads and writes the table; `now()` is the wall clock moved by `clock.offsetMs`. */
  store: Store;
  clock: { offsetMs: number };
  /** Raw stream records as DynamoDB delivers them (for the handler's event). */
  rawRecords(): Promise<DynamoDBRecord[]>;
  /** The stream's records not returned by an earlier call, as the aggregator reads them. */
  newRecords(): Promise<ChangeRecord[]>;
  drop(): Promise<void>;
}

let tables = 0;

export async function createOwnTable(prefix: string): Promise<OwnTable> {
  const endpoint = inject('dynamoDbEndpoint');
  const tableName = `${prefix}-${process.pid}-${tables++}`;
  const raw = new DynamoDBClient(localDynamoDbClientConfig(endpoint));
  const created = await raw.send(new CreateTableCommand(createTableInput(tableName)));
  const streamArn = created.TableDescription!.LatestStreamArn!;
  const clock = { offsetMs: 0 };
  const store: Store = {
    doc: createDocumentClient(localDynamoDbClientConfig(endpoint)),
    tableName,
    cursorSecret: prefix,
    now: () => new Date(Date.now() + clock.offsetMs),
  };
  const seen = new Set<string>();
  const rawRecords = async () => (await readWholeStream(endpoint, streamArn)) as DynamoDBRecord[];
  return {
    store,
    clock,
    rawRecords,
    async newRecords() {
      const fresh = (await rawRecords()).filter((r) => !seen.has(r.dynamodb!.SequenceNumber!));
      for (const r of fresh) seen.add(r.dynamodb!.SequenceNumber!);
      return fresh.map(toChangeRecord);
    },
    async drop() {
      await raw.send(new DeleteTableCommand({ TableName: tableName }));
      raw.destroy();
    },
  };
}

/** A scope's aggregate item as stored (read consistently), or undefined. */
export async function storedAggregate(store: Store, scope: string): Promise<(StoredAggregate & { item: Record<string, unknown> }) | undefined> {
  const item = (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.aggregate(scope), ConsistentRead: true }))).Item;
  return item ? { ...readAggregateItem(item), item } : undefined;
}

/** Counters as plain decimal strings without zeros, for toEqual. */
export function plain(counters: Counters | undefined): Record<string, string> {
  return Object.fromEntries([...(counters ?? new Map())].filter(([, v]) => v !== 0n).map(([k, v]) => [k, String(v)]));
}

/** Every aggregate against the recount from the items: `{ stored, expected }` per scope, plain. */
export async function storedAndExpected(store: Store) {
  const counted = await recount(store, 2);
  const scopes = new Set([...counted.expected.keys(), ...counted.stored.keys()]);
  const byScope = (pick: (scope: string) => Counters | undefined) =>
    Object.fromEntries([...scopes].map((scope) => [scope, plain(pick(scope))]).filter(([, c]) => Object.keys(c as object).length > 0));
  return { stored: byScope((s) => counted.stored.get(s)?.counters), expected: byScope((s) => counted.expected.get(s)) };
}

/**
 * A stream record of a donation that is in no table: the image of a real one under a new id.
 * Applied to the aggregates, it is drift the recount does not find.
 */
export function phantomOf(record: ChangeRecord, id: string, sequenceNumber: string): ChangeRecord {
  const key = keys.donation(id);
  return { sequenceNumber, keys: { ...key }, newImage: { ...record.newImage, ...key, id } };
}
