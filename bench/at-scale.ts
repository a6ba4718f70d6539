import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, ScanCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, recount, type Store } from '@abad/core';
import { indexKeys } from '@abad/core/table/keys';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import { requireStack, type Benchmark } from './benchmark.ts';
import { fmt, summarize } from './stats.ts';
import { donationTraffic } from './traffic.ts';

/**
 * Read cost and recount at scale. `GET /provinces/{code}` must not grow with the data: it is
 * timed with 1,000 and with 100,000 items in the table. The refresh's recount is timed on the
 * 100,000 items against a bare parallel scan of the same table (same segments) as baseline.
 */
const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_SCALE_ITEMS || 100_000);
const READS = 300;
const SEGMENTS = 4;

async function fill(store: Store, from: number, to: number, signal: AbortSignal, progress: (line: string) => void): Promise<void> {
  const records = donationTraffic(to - from, 7 + from);
  const items = records.map((r) => {
    const image = r.newImage!;
    const id = String(image.id);
    return {
      ...image,
      ...indexKeys.driveRecord('Donation', { id, province: image.province as never, driveId: String(image.driveId) }, id),
      version: 1,
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
  });
  let next = 0;
  const writer = async () => {
    while (next < items.length) {
      signal.throwIfAborted();
      const chunk = items.slice(next, (next += 25));
      let requests: { PutRequest?: { Item?: Record<string, unknown> } }[] = chunk.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length) {
        const result: BatchWriteCommandOutput = await store.doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: requests as never } }));
        requests = (result.UnprocessedItems?.[store.tableName] ?? []) as typeof requests;
      }
      if (next % 20_000 < 25) progress(`${from + next} items written`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
}

async function timeReads(url: string): Promise<ReturnType<typeof summarize>> {
  const samples: number[] = [];
  for (let i = 0; i < READS; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/provinces/IR-23`);
    if (response.status !== 200) throw new Error(`GET /provinces/IR-23: ${response.status}`);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

async function bareScan(store: Store): Promise<number> {
  let items = 0;
  await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await store.doc.send(new ScanCommand({ TableName: store.tableName, Segment: segment, TotalSegments: SEGMENTS, ExclusiveStartKey: start }));
        items += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return items;
}

export const benchmark: Benchmark = {
  name: 'at-scale',
  title: `Read cost with ${SMALL.toLocaleString('en-US')} and ${LARGE.toLocaleString('en-US')} items; recount throughput`,
  async run(context) {
    const stack = requireStack(context);
    const store: Store = {
      doc: createDocumentClient(localDynamoDbClientConfig(stack.dynamoDbEndpoint)),
      tableName: stack.tableName,
      cursorSecret: 'bench',
      now: () => new Date(),
    };
    await fill(store, 0, SMALL, context.signal, context.progress);
    await stack.streamDrained();
    const small = await timeReads(stack.url);
    await fill(store, SMALL, LARGE, context.signal, context.progress);
    context.progress('waiting for the aggregator to catch up');
    await stack.streamDrained();
    const large = await timeReads(stack.url);

    const scanStarted = performance.now();
    const scanned = await bareScan(store);
    const scanSeconds = (performance.now() - scanStarted) / 1000;
    const recountStarted = performance.now();
    const counted = await recount(store, SEGMENTS);
    const recountSeconds = (performance.now() - recountStarted) / 1000;
    const recountRate = counted.itemsScanned / recountSeconds;
    const scanRate = scanned / scanSeconds;
    return {
      report: [
        `GET /provinces/IR-23 (${READS} sequential reads)   p50        p99`,
        `  with ${SMALL.toLocaleString('en-US').padStart(7)} items          ${fmt(small.p50).padStart(8)} ms ${fmt(small.p99).padStart(8)} ms`,
        `  with ${LARGE.toLocaleString('en-US').padStart(7)} items          ${fmt(large.p50).padStart(8)} ms ${fmt(large.p99).padStart(8)} ms   (p50 ratio ${fmt(large.p50 / small.p50, 2)}; one GetItem + one county Query either way)`,
        `recount: ${counted.itemsScanned.toLocaleString('en-US')} items in ${fmt(recountSeconds, 2)} s = ${fmt(recountRate, 0)} items/s; bare ${SEGMENTS}-segment scan ${fmt(scanRate, 0)} items/s; ratio ${fmt(recountRate / scanRate, 2)}`,
      ],
      results: {
        readMs: { small, large, items: { small: SMALL, large: LARGE } },
        recount: { items: counted.itemsScanned, seconds: recountSeconds, itemsPerSecond: recountRate, bareScanItemsPerSecond: scanRate },
      },
    };
  },
};
