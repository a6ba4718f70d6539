import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { TumblingWindowResponse, TumblingWindowStreamEvent } from '@abad/functions/stream/event';
import type { DynamoDBRecord } from 'aws-lambda';
import { readBatchResponse } from './batch-response.ts';
import { pause } from './pause.ts';
import { toLambdaRecord } from './stream-record.ts';
import { TumblingWindow } from './tumbling-window.ts';

/** Calls the stream handler as Lambda would; injected so tests can make it fail. */
export type StreamInvoke = (event: TumblingWindowStreamEvent) => Promise<TumblingWindowResponse | void>;

export interface ShardReaderOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  shardId: string;
  /** The last sequence number processed in an earlier run: reading resumes after it. */
  checkpoint: string | undefined;
  batchSize: number;
  pollIntervalMs: number;
  windowMs: number;
  /** The event source mapping's filter: records it rejects are never delivered. */
  accepts: (record: DynamoDBRecord) => boolean;
  invoke: StreamInvoke;
  log: (line: string) => void;
  /** Aborted by stop(): the batch in hand is finished, nothing new is read. */
  signal: AbortSignal;
  onCheckpoint: (sequenceNumber: string) => void;
  /** A read found nothing new (see `caughtUpAt`). */
  onCaughtUp: () => void;
}

type Position = { type: 'TRIM_HORIZON' } | { type: 'AFTER_SEQUENCE_NUMBER' | 'AT_SEQUENCE_NUMBER'; sequenceNumber: string };

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * Reads one shard in order, one batch at a time, as an event source mapping does with a
 * parallelization factor of 1. A batch that fails is read again from where it failed, after
 * a backoff, and nothing behind it is delivered meanwhile: order within a shard is kept.
 */
export class ShardReader {
  /** When the last read that found nothing new began; undefined while records are in hand. */
  caughtUpAt: number | undefined;
  private position: Position;
  private iterator: string | undefined;
  private failures = 0;
  private readonly window: TumblingWindow;

  constructor(private readonly options: ShardReaderOptions) {
    this.position = options.checkpoint ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: options.checkpoint } : { type: 'TRIM_HORIZON' };
    this.window = new TumblingWindow(options.windowMs);
  }

  /** Reads until the shard is closed and read to its end ('finished') or stop() ('stopped'). */
  async run(): Promise<'finished' | 'stopped'> {
    while (!this.options.signal.aborted) {
      try {
        if (!(await this.step())) return 'finished';
      } catch (error) {
        if (this.options.signal.aborted) break;
        await this.retryLater(`reading failed (${describe(error)})`);
      }
    }
    return 'stopped';
  }

  /** One read and the batch it brought; false once the shard has no more records, ever. */
  private async step(): Promise<boolean> {
    const { client, batchSize, signal } = this.options;
    this.iterator ??= await this.acquireIterator();
    if (this.iterator === undefined) return false;
    const readAt = Date.now();
    let page;
    try {
      page = await client.send(new GetRecordsCommand({ ShardIterator: this.iterator, Limit: batchSize }), { abortSignal: signal });
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException)) throw error;
      this.iterator = undefined; // unused for too long (15 min): a new one from where we stand
      return true;
    }
    const records = page.Records ?? [];
    this.iterator = page.NextShardIterator;
    if (records.length === 0) {
      if (this.iterator === undefined) return false; // closed, and read to its end
      this.failures = 0; // nothing pending: the next failure starts its backoff afresh
      this.caughtUpAt = readAt;
      this.options.onCaughtUp();
      await pause(this.options.pollIntervalMs, signal);
      return true;
    }
    this.caughtUpAt = undefined;
    return this.process(records);
  }

  /** Delivers a page; on success records the checkpoint, on failure arranges the re-read. */
  private async process(records: _Record[]): Promise<boolean> {
    const outcome = await this.deliver(records.map((record) => toLambdaRecord(record, this.options.streamArn)));
    if (outcome.kind === 'done') {
      this.failures = 0;
      this.advanceTo(sequenceOf(records.at(-1)!));
      return this.iterator !== undefined;
    }
    const retryFrom = outcome.kind === 'failed-at' ? outcome.sequenceNumber : sequenceOf(records[0]!);
    // Lambda takes everything before the reported record as processed: so does the checkpoint.
    const index = records.findIndex((record) => sequenceOf(record) === retryFrom);
    if (index > 0) this.advanceTo(sequenceOf(records[index - 1]!));
    this.position = { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: retryFrom };
    this.iterator = undefined;
    await this.retryLater(outcome.reason);
    return true;
  }

  private async deliver(
    records: DynamoDBRecord[],
  ): Promise<{ kind: 'done' } | { kind: 'failed-at'; sequenceNumber: string; reason: string } | { kind: 'failed'; reason: string }> {
    const { shardId, streamArn, accepts, invoke } = this.options;
    const delivered = records.filter(accepts);
    if (delivered.length === 0) return { kind: 'done' }; // all filtered out: not invoked, but the position advances
    const { window, state } = this.window.at(Date.now());
    const event: TumblingWindowStreamEvent = {
      Records: delivered,
      shardId,
      eventSourceARN: streamArn,
      window,
      state,
      isFinalInvokeForWindow: false,
      isWindowTerminatedEarly: false,
    };
    let response: unknown;
    try {
      response = await invoke(event);
    } catch (error) {
      return { kind: 'failed', reason: `the handler threw (${describe(error)}); the whole batch comes again` };
    }
    const outcome = readBatchResponse(
      response,
      delivered.map((record) => record.dynamodb?.SequenceNumber ?? ''),
    );
    if (outcome.kind === 'failed') return { kind: 'failed', reason: `${outcome.reason}; the whole batch comes again` };
    if (outcome.state) this.window.keep(window, outcome.state);
    if (outcome.kind === 'done') return { kind: 'done' };
    return { kind: 'failed-at', sequenceNumber: outcome.sequenceNumber, reason: `the handler reported a failure at ${outcome.sequenceNumber}` };
  }

  private advanceTo(sequenceNumber: string): void {
    this.position = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber };
    this.options.onCheckpoint(sequenceNumber);
  }

  private async acquireIterator(): Promise<string | undefined> {
    const { client, streamArn, shardId, signal, log } = this.options;
    const position = this.position;
    try {
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: position.type,
          ...(position.type === 'TRIM_HORIZON' ? {} : { SequenceNumber: position.sequenceNumber }),
        }),
        { abortSignal: signal },
      );
      return ShardIterator;
    } catch (error) {
      if (error instanceof TrimmedDataAccessException && position.type !== 'TRIM_HORIZON') {
        // Stopped for longer than the stream keeps records: what was missed is the refresh's to repair.
        log(`stream poller: shard ${shardId}: records after ${position.sequenceNumber} have expired; reading from the oldest one kept`);
        this.position = { type: 'TRIM_HORIZON' };
        return this.acquireIterator();
      }
      if (error instanceof ResourceNotFoundException) return undefined; // the shard itself has expired
      throw error;
    }
  }

  private async retryLater(reason: string): Promise<void> {
    this.caughtUpAt = undefined;
    this.iterator = undefined;
    const delayMs = Math.min(RETRY_FIRST_MS * 2 ** this.failures, RETRY_MAX_MS);
    this.failures++;
    const from =
      this.position.type === 'TRIM_HORIZON'
        ? 'the start of the shard'
        : `${this.position.type === 'AT_SEQUENCE_NUMBER' ? 'at' : 'after'} ${this.position.sequenceNumber}`;
    this.options.log(`stream poller: shard ${this.options.shardId}: ${reason}; reading again ${from} in ${delayMs} ms`);
    await pause(delayMs, this.options.signal);
  }
}

function sequenceOf(record: _Record): string {
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  if (!sequenceNumber) throw new Error(`stream record ${record.eventID} has no sequence number`);
  return sequenceNumber;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
