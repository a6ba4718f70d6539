import { DynamoDBStreamsClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb-streams';
import { STREAM_FILTER_PATTERN } from '@abad/core';
import { localDynamoDbClientConfig } from './client-config.ts';
import { eventFilter } from './event-filter.ts';
import { pause } from './pause.ts';
import { ShardReader, type StreamInvoke } from './shard-reader.ts';
import { StreamCheckpoints } from './stream-checkpoints.ts';
import type { ShardInfo } from '@abad/core';
import { listShards } from '@abad/functions/stream/stream-shards';
import { readableShards } from './stream-shards.ts';

export type { StreamInvoke } from './shard-reader.ts';

/**
 * The local stand-in for Lambda's DynamoDB event source mapping: reads every shard of the
 * table's stream and invokes the stream handler with Lambda's event (filtered, with shard id,
 * tumbling window and state), retrying from what it reports as failed. Its position per
 * shard survives restarts (stream-checkpoints.json); without one it starts from the trim
 * horizon, which the aggregator's per-shard watermarks make harmless.
 */
export interface StreamPollerOptions {
  dynamoDbEndpoint: string;
  streamArn: string;
  /** Where stream-checkpoints.json is kept. */
  dataDir: string;
  invoke: StreamInvoke;
  log: (line: string) => void;
  /** Called when the stream itself disappears (the table was deleted): the runtime should stop. */
  fail: (error: Error) => void;
  /** How long a shard that had nothing new waits before reading again. */
  pollIntervalMs?: number;
  /** Records per invocation at most (the mapping's BatchSize; GetRecords allows 1,000). */
  batchSize?: number;
  /** The mapping's TumblingWindowInSeconds. */
  windowSeconds?: number;
  /** How often the shard list is read again to find new shards (also done when a shard ends). */
  discoverIntervalMs?: number;
}

export interface StreamPoller {
  /** Finishes the batch in hand and stops; pending drained() calls reject. */
  stop(): Promise<void>;
  /**
   * Resolves once every readable shard has been read to its end, by a read begun after this
   * call (plus a margin for the stream's own delay), with nothing in hand: every change
   * written before the call has then been delivered and accepted.
   */
  drained(): Promise<void>;
}

/** A write shows in GetRecords a few milliseconds later (measured: under 35 ms). */
const STREAM_SETTLE_MS = 100;

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const { streamArn, log, fail } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const batchSize = options.batchSize ?? 100;
  const windowMs = (options.windowSeconds ?? 1) * 1000;
  const discoverIntervalMs = options.discoverIntervalMs ?? 10_000;
  if (!(batchSize >= 1 && batchSize <= 1000)) throw new Error(`batchSize must be 1 to 1000, not ${batchSize}`);

  const client = new DynamoDBStreamsClient(localDynamoDbClientConfig(options.dynamoDbEndpoint));
  const checkpoints = new StreamCheckpoints(options.dataDir, streamArn);
  if (checkpoints.otherStream) log('stream poller: the checkpoints are for an earlier table; reading the new stream from its start');
  const accepts = eventFilter(STREAM_FILTER_PATTERN);
  const stopping = new AbortController();
  const readers = new Map<string, { reader: ShardReader; done: Promise<void> }>();
  const finished = new Set<string>();
  const waiters: { calledAt: number; readSince: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  let shards: ShardInfo[] = [];
  let lastListedAt = 0; // when the last successful shard listing began
  let wake = new AbortController(); // aborted to make the discovery loop list shards now

  function startReadable(): void {
    for (const { shardId } of readableShards(shards, finished)) {
      if (readers.has(shardId) || stopping.signal.aborted) continue;
      const reader = new ShardReader({
        client,
        streamArn,
        shardId,
        checkpoint: checkpoints.get(shardId),
        batchSize,
        pollIntervalMs,
        windowMs,
        accepts,
        invoke: options.invoke,
        log,
        signal: stopping.signal,
        onCheckpoint: (sequenceNumber) => checkpoints.set(shardId, sequenceNumber),
        onCaughtUp: settleWaiters,
      });
      const done = reader.run().then(
        (outcome) => {
          if (outcome !== 'finished') return;
          readers.delete(shardId);
          finished.add(shardId);
          startReadable(); // its children, if already listed
          wake.abort(); // and look for them if not
        },
        (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
      ); // a bug: run() handles what it expects
      readers.set(shardId, { reader, done });
    }
  }

  async function listNow(): Promise<void> {
    const startedAt = Date.now();
    shards = await listShards(client, streamArn, stopping.signal);
    checkpoints.keepOnly(new Set(shards.map((s) => s.shardId)));
    lastListedAt = startedAt;
    startReadable();
    settleWaiters();
  }

  function isDrained(calledAt: number, readSince: number): boolean {
    if (lastListedAt < calledAt) return false;
    return readableShards(shards, finished).every(({ shardId }) => {
      const caughtUpAt = readers.get(shardId)?.reader.caughtUpAt;
      return caughtUpAt !== undefined && caughtUpAt >= readSince;
    });
  }

  function settleWaiters(): void {
    for (const waiter of [...waiters]) {
      if (!isDrained(waiter.calledAt, waiter.readSince)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  async function discoveryLoop(): Promise<void> {
    while (!stopping.signal.aborted) {
      await pause(discoverIntervalMs, AbortSignal.any([stopping.signal, wake.signal]));
      if (stopping.signal.aborted) return;
      wake = new AbortController(); // a wake-up during the listing below makes another one
      try {
        await listNow();
      } catch (error) {
        if (stopping.signal.aborted) return;
        if (error instanceof ResourceNotFoundException) {
          fail(new Error(`The table's stream ${streamArn} no longer exists; restart to create the table again.`));
          return;
        }
        log(`stream poller: listing the stream's shards failed (${error instanceof Error ? error.message : String(error)}); trying again shortly`);
      }
    }
  }

  // The first listing happens here, so a wrong stream ARN fails the start rather than later.
  try {
    await listNow();
  } catch (error) {
    stopping.abort();
    client.destroy();
    throw error;
  }
  const resumed = shards.filter((s) => checkpoints.get(s.shardId) !== undefined).length;
  log(`stream poller: ${shards.length} shard(s), ${resumed ? `${resumed} resuming after their checkpoint` : 'reading from the start of the stream'}`);
  const discovery = discoveryLoop();

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping.abort();
      await discovery;
      await Promise.all([...readers.values()].map((r) => r.done));
      client.destroy();
      for (const waiter of waiters.splice(0)) waiter.reject(new Error('the stream poller stopped before the stream was drained'));
    })());

  const drained = () => {
    if (stopping.signal.aborted) return Promise.reject(new Error('the stream poller has stopped'));
    const calledAt = Date.now();
    const promise = new Promise<void>((resolve, reject) => waiters.push({ calledAt, readSince: calledAt + STREAM_SETTLE_MS, resolve, reject }));
    wake.abort(); // list shards now rather than in up to discoverIntervalMs
    return promise;
  };

  return { stop, drained };
}
