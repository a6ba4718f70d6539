import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { DynamoDBClient, type DynamoDBClientConfig, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { TABLE } from '@abad/core/table/definition';
import { SORT_KEYS } from '@abad/core/table/keys';
import { type IndexLabel, type Item, itemSize, partitionKeysOf, queryPartitionKey, readUnits, Tally, writeUnits } from './scale-model-math.ts';

/**
 * Records every DynamoDB request made in this process (the API's handlers, the stream
 * aggregator, the refresh), by source, operation, index and partition key, with the units it
 * costs by DynamoDB's sizing rules: a middleware on every DynamoDB client's stack, added by
 * wrapping the SDK client's `send` (each client's stack once). The requests are not changed.
 *
 * Sources: `api` (a request the local HTTP server serves: marked through Node's diagnostics
 * channel, as bench/dynamodb-requests.ts does), whatever `withSource` names (the refresh, the
 * bench's own setup), and `aggregator` for the rest (the stream poller's work).
 * Updates do not carry their item: it is read right after (uncounted) to size it.
 */
export type Source = 'api' | 'aggregator' | 'refresh' | 'setup' | 'probe';

const source = new AsyncLocalStorage<Source>();
let recording = false;
const tallies = new Map<Source, Tally>();
const operations = new Map<string, number>();
const pendingProbes: Promise<void>[] = [];
let probeClient: DynamoDBClient | undefined;
const largest = { bytes: 0, pk: '', item: undefined as Item | undefined };

export function tallyOf(s: Source): Tally {
  let t = tallies.get(s);
  if (!t) tallies.set(s, (t = new Tally()));
  return t;
}

export function withSource<T>(s: Source, fn: () => Promise<T>): Promise<T> {
  return source.run(s, fn);
}

/** Requests by `<source> <operation>`. */
export function operationCounts(): Record<string, number> {
  return Object.fromEntries([...operations].sort(([a], [b]) => a.localeCompare(b)));
}

/** The largest aggregate item (`AGG#…`) seen written or read. */
export function largestAggregate() {
  return largest;
}

function noteItem(item: Item | undefined): number {
  if (!item) return 0;
  const bytes = itemSize(item);
  const pk = item[TABLE.partitionKey]?.S ?? '';
  if (item[TABLE.sortKey]?.S === SORT_KEYS.aggregate && bytes > largest.bytes) Object.assign(largest, { bytes, pk, item });
  return bytes;
}

function written(s: Source, item: Item, transactional: boolean): void {
  const bytes = noteItem(item);
  for (const { index, pk } of partitionKeysOf(item)) tallyOf(s).add('write', index, pk, writeUnits(bytes, transactional && index === 'table'));
}

/** The item after an update, read back outside the count (eventually consistent is enough: only its size matters). */
function afterUpdate(s: Source, tableName: string, key: Item, transactional: boolean): void {
  if (!probeClient) return;
  const client = probeClient;
  pendingProbes.push(
    source.run('probe', async () => {
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: key as never, ConsistentRead: true }));
      if (Item) written(s, Item as Item, transactional);
      else tallyOf(s).add('write', 'table', key.pk?.S ?? '?', writeUnits(0, transactional));
    }),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: the wire input and output of any DynamoDB operation, read by shape
type Input = Record<string, any>;

/**
 * An item as DynamoDB sizes it (the wire form). A document client's reads may reach the recorder
 * already unmarshalled (its key a plain string): marshalled back, so its key and size are read alike.
 */
function wire(item: Record<string, unknown>): Item {
  return typeof item[TABLE.partitionKey] === 'string' ? (marshall(item, { removeUndefinedValues: true }) as Item) : (item as Item);
}

function record(s: Source, operation: string, input: Input, output: Input | undefined): void {
  operations.set(`${s} ${operation}`, (operations.get(`${s} ${operation}`) ?? 0) + 1);
  const t = tallyOf(s);
  switch (operation) {
    case 'PutItem':
      written(s, input.Item, false);
      break;
    case 'UpdateItem':
      afterUpdate(s, input.TableName, input.Key, false);
      break;
    case 'DeleteItem':
      t.add('write', 'table', input.Key?.pk?.S ?? '?', writeUnits(0));
      break;
    case 'BatchWriteItem':
      for (const requests of Object.values(input.RequestItems ?? {}) as Input[][])
        for (const r of requests) {
          if (r.PutRequest) written(s, r.PutRequest.Item, false);
          else t.add('write', 'table', r.DeleteRequest?.Key?.pk?.S ?? '?', writeUnits(0));
        }
      break;
    case 'TransactWriteItems':
      for (const part of input.TransactItems ?? []) {
        if (part.Put) written(s, part.Put.Item, true);
        else if (part.Update) afterUpdate(s, part.Update.TableName, part.Update.Key, true);
        else if (part.Delete) t.add('write', 'table', part.Delete.Key?.pk?.S ?? '?', writeUnits(0, true));
        else if (part.ConditionCheck) t.add('read', 'table', part.ConditionCheck.Key?.pk?.S ?? '?', readUnits(0, true, true));
      }
      break;
    case 'GetItem':
      t.add('read', 'table', input.Key?.pk?.S ?? '?', readUnits(noteItem(output?.Item && wire(output.Item)), input.ConsistentRead === true));
      break;
    case 'BatchGetItem':
      for (const [table, got] of Object.entries(output?.Responses ?? {}) as [string, Item[]][])
        for (const item of got.map(wire))
          t.add('read', 'table', item.pk?.S ?? '?', readUnits(noteItem(item), input.RequestItems?.[table]?.ConsistentRead === true));
      break;
    case 'TransactGetItems':
      for (const r of output?.Responses ?? []) if (r.Item) t.add('read', 'table', wire(r.Item).pk?.S ?? '?', readUnits(noteItem(wire(r.Item)), true, true));
      break;
    case 'Query': {
      const bytes = (output?.Items ?? []).reduce((sum: number, item: Item) => sum + noteItem(wire(item)), 0);
      t.add('read', (input.IndexName ?? 'table') as IndexLabel, queryPartitionKey(input) ?? '?', readUnits(bytes, input.ConsistentRead === true));
      break;
    }
    case 'Scan': {
      const bytes = (output?.Items ?? []).reduce((sum: number, item: Item) => sum + noteItem(wire(item)), 0);
      t.add('read', (input.IndexName ?? 'table') as IndexLabel, '(scan)', readUnits(bytes, input.ConsistentRead === true));
      break;
    }
  }
}

const instrumented = new WeakSet<object>();

type Stack = { add: (middleware: unknown, options: object) => void };

function instrument(stack: Stack): void {
  if (instrumented.has(stack)) return;
  instrumented.add(stack);
  stack.add(
    (next: (args: object) => Promise<{ output?: Input }>) => async (args: { input: Input; request?: { headers?: Record<string, string> } }) => {
      const s = source.getStore() ?? 'aggregator';
      const target = args.request?.headers?.['x-amz-target'] ?? '';
      const operation = target.slice(target.indexOf('.') + 1);
      let output: Input | undefined;
      try {
        const result = await next(args);
        output = result.output;
        return result;
      } finally {
        // A refused conditional write costs its units too.
        if (recording && s !== 'probe' && target.startsWith('DynamoDB_')) record(s, operation, args.input, output);
      }
    },
    { step: 'build', name: 'scaleModelRecorder', priority: 'low' },
  );
}

let installed = false;

/** Starts recording (from zero) every DynamoDB request of the process. */
export function startRecording(endpointConfig: DynamoDBClientConfig): void {
  if (!installed) {
    installed = true;
    subscribe('http.server.request.start', () => source.enterWith('api'));
    const prototype = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: (...args: unknown[]) => unknown };
    const send = prototype.send;
    prototype.send = function (this: { middlewareStack: Stack }, ...args: unknown[]) {
      instrument(this.middlewareStack);
      return send.apply(this, args);
    };
  }
  probeClient = new DynamoDBClient(endpointConfig);
  tallies.clear();
  operations.clear();
  Object.assign(largest, { bytes: 0, pk: '', item: undefined });
  recording = true;
}

/** Stops recording once the item reads of the updates seen so far are done. */
export async function stopRecording(): Promise<void> {
  recording = false;
  while (pendingProbes.length) await Promise.all(pendingProbes.splice(0));
  probeClient?.destroy();
  probeClient = undefined;
}
