import { TABLE } from '@abad/core/table/definition';

/**
 * The pure part of the scale model (bench/scale-model.ts): DynamoDB's sizing and capacity
 * rules, the tally of units per partition key, and the linear extrapolation to the drive day.
 * Unit-tested in test/bench/scale-model-math.test.ts.
 */

/** A DynamoDB attribute value in the wire (marshalled) form the SDK sends and receives. */
export type AttributeValue = {
  S?: string;
  N?: string;
  B?: Uint8Array | string;
  BOOL?: boolean;
  NULL?: boolean;
  M?: Record<string, AttributeValue>;
  L?: AttributeValue[];
  SS?: string[];
  NS?: string[];
  BS?: (Uint8Array | string)[];
};
export type Item = Record<string, AttributeValue>;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');
const binary = (b: Uint8Array | string) => (typeof b === 'string' ? Buffer.from(b, 'base64').length : b.length);
/** A number's size: about one byte per two significant digits, plus one. */
const numberSize = (n: string) => Math.ceil(n.replace(/^-/, '').replace(/\./, '').replace(/^0+/, '').replace(/0+$/, '').length / 2) + 1;

/** The size DynamoDB bills for one value (its documented item-size rules). */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return binary(value.B);
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M) return 3 + Object.entries(value.M).reduce((sum, [name, v]) => sum + utf8(name) + valueSize(v) + 1, 0);
  if (value.L) return 3 + value.L.reduce((sum, v) => sum + valueSize(v) + 1, 0);
  if (value.SS) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS) return value.BS.reduce((sum, b) => sum + binary(b), 0);
  return 0;
}

/** An item's size: every attribute's name and value. */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

/** Write request units of one write of an item of this many bytes: one per KB started (two in a transaction). */
export function writeUnits(bytes: number, transactional = false): number {
  return Math.max(1, Math.ceil(bytes / 1024)) * (transactional ? 2 : 1);
}

/** Read request units of reading this many bytes: one per 4 KB started if consistent, half if eventually consistent. */
export function readUnits(bytes: number, consistent: boolean, transactional = false): number {
  return Math.max(1, Math.ceil(bytes / 4096)) * (transactional ? 2 : consistent ? 1 : 0.5);
}

export type IndexLabel = 'table' | (typeof TABLE.indexes)[keyof typeof TABLE.indexes]['name'];
/** The table and its indexes, in the order reports list them. */
export const INDEX_LABELS: readonly IndexLabel[] = ['table', ...Object.values(TABLE.indexes).map((i) => i.name)];

/** The partition keys an item occupies: the table's and every index's whose key attribute it carries. */
export function partitionKeysOf(item: Item): { index: IndexLabel; pk: string }[] {
  const found: { index: IndexLabel; pk: string }[] = [];
  const base = item[TABLE.partitionKey]?.S;
  if (base !== undefined) found.push({ index: 'table', pk: base });
  for (const index of Object.values(TABLE.indexes)) {
    const pk = item[index.partitionKey]?.S;
    if (pk !== undefined) found.push({ index: index.name, pk });
  }
  return found;
}

/** The partition key value a Query reads: the value bound to the key attribute in its key condition. */
export function queryPartitionKey(input: {
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
}): string | undefined {
  const index = Object.values(TABLE.indexes).find((i) => i.name === input.IndexName);
  const keyName = index ? index.partitionKey : TABLE.partitionKey;
  for (const match of (input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const [, name, placeholder] = match;
    const attribute = name!.startsWith('#') ? input.ExpressionAttributeNames?.[name!] : name;
    if (attribute === keyName) return input.ExpressionAttributeValues?.[placeholder!]?.S;
  }
  return undefined;
}

/** Units per partition key, split by kind (read or write) and index. */
export class Tally {
  readonly units = new Map<string, { kind: 'read' | 'write'; index: IndexLabel; pk: string; units: number; requests: number }>();
  add(kind: 'read' | 'write', index: IndexLabel, pk: string, units: number): void {
    const key = `${kind}|${index}|${pk}`;
    const entry = this.units.get(key) ?? { kind, index, pk, units: 0, requests: 0 };
    entry.units += units;
    entry.requests++;
    this.units.set(key, entry);
  }
  total(kind: 'read' | 'write', index?: IndexLabel): number {
    let sum = 0;
    for (const e of this.units.values()) if (e.kind === kind && (index === undefined || e.index === index)) sum += e.units;
    return sum;
  }
}

/** The key with the most units of this kind on each index (table first), of those the filter keeps. */
export function hottestKeys(tally: Tally, kind: 'read' | 'write', keep: (pk: string) => boolean = () => true): Map<IndexLabel, { pk: string; units: number }> {
  const hottest = new Map<IndexLabel, { pk: string; units: number }>();
  for (const e of tally.units.values()) {
    if (e.kind !== kind || !keep(e.pk)) continue;
    const current = hottest.get(e.index);
    if (!current || e.units > current.units) hottest.set(e.index, { pk: e.pk, units: e.units });
  }
  return hottest;
}

/** Linear scaling: units seen for `countInRun` events, at `ratePerSecond` events a second. */
export function perSecondAt(unitsInRun: number, countInRun: number, ratePerSecond: number): number {
  if (countInRun <= 0) throw new Error('no events to scale from');
  return (unitsInRun / countInRun) * ratePerSecond;
}

/**
 * Updates a second of an aggregate touched by a share `share` of the records, when the stream
 * delivers `recordsPerSecond` in batches of `batchSize` (one update per scope and batch): a
 * batch touches the scope unless none of its records does.
 */
export function aggregateUpdatesPerSecond(recordsPerSecond: number, batchSize: number, share: number): number {
  return (recordsPerSecond / batchSize) * (1 - (1 - share) ** batchSize);
}

/**
 * Share of dashboard polls that reach the API through CloudFront: each edge asks the origin
 * once per URL per `maxAgeSeconds` (then answers If-None-Match itself); viewers poll every
 * `pollSeconds`.
 */
export function originShare(o: { viewers: number; pollSeconds: number; urls: number; edges: number; maxAgeSeconds: number }): {
  viewerRequestsPerSecond: number;
  originRequestsPerSecond: number;
  share: number;
} {
  const viewerRequestsPerSecond = o.viewers / o.pollSeconds;
  const originRequestsPerSecond = Math.min(viewerRequestsPerSecond, (o.urls * o.edges) / o.maxAgeSeconds);
  return { viewerRequestsPerSecond, originRequestsPerSecond, share: originRequestsPerSecond / viewerRequestsPerSecond };
}

/** On-demand list prices, DynamoDB Standard, us-east-1 (checked 2025-06; AWS's pricing page). */
export const PRICES = { asOf: '2025-06', writePerMillion: 1.25, readPerMillion: 0.25 } as const;

export function costDollars(writeUnits: number, readUnits: number, prices: { writePerMillion: number; readPerMillion: number } = PRICES): number {
  return (writeUnits / 1e6) * prices.writePerMillion + (readUnits / 1e6) * prices.readPerMillion;
}

/** ✓ when within the limit, ✗ over it. */
export function mark(value: number, limit: number): '✓' | '✗' {
  return value <= limit ? '✓' : '✗';
}
