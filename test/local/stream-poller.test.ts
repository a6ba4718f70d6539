import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStreamPoller, type StreamPoller, type StreamPollerOptions } from '@abad/local/stream-poller';
import { CHECKPOINT_FILE } from '@abad/local/stream-checkpoints';
import { scopes } from '@abad/core/aggregation/scopes';
import { keys } from '@abad/core/table/keys';
import { readWholeStream } from '../support/stream.ts';
import { recordingInvoke, streamTable } from './fixtures/stream-table.ts';

/**
 * The stream poller against DynamoDB Local's real stream: Lambda's event shape, its filter,
 * batchItemFailures, retries, and the checkpoint across restarts. Each test has a table
 * (and stream) of its own.
 */
const pollers: StreamPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

type Table = Awaited<ReturnType<typeof streamTable>>;

async function poll(table: Table, options: Pick<StreamPollerOptions, 'invoke'> & Partial<StreamPollerOptions>) {
  const lines: string[] = [];
  const poller = await startStreamPoller({
    dynamoDbEndpoint: table.endpoint,
    streamArn: table.streamArn,
    dataDir: table.dataDir,
    log: (line) => lines.push(line),
    fail: (error) => lines.push(`FAIL ${error.message}`),
    ...options,
  });
  pollers.push(poller);
  return { poller, lines };
}

const checkpointOf = (table: Table) => Object.values(JSON.parse(readFileSync(join(table.dataDir, CHECKPOINT_FILE), 'utf8')).shards)[0];
const lastSequence = async (table: Table) => (await readWholeStream(table.endpoint, table.streamArn)).at(-1)!.dynamodb!.SequenceNumber!;

describe('the stream poller', { timeout: 60_000 }, () => {
  it("delivers a write's change within a second, in Lambda's event shape", async () => {
    const table = await streamTable();
    const seen = recordingInvoke((_event, call) => ({ state: { call: String(call) }, batchItemFailures: [] }));
    const { poller } = await poll(table, { invoke: seen.invoke });
    await poller.drained(); // reading from the (empty) stream's start

    const written = Date.now();
    await table.put(keys.project('1'), { title: { S: 'کارگاه' }, budget: { N: '123456789012345678901234567890' }, photo: { B: new Uint8Array([1, 2, 3]) } });
    await expect.poll(() => seen.events.length, { timeout: 1_000, interval: 10 }).toBe(1);
    expect(seen.times[0]! - written).toBeLessThan(1_000);

    const [event] = seen.events;
    expect(event).toMatchObject({
      shardId: expect.stringMatching(/^shardId-/),
      eventSourceARN: table.streamArn,
      state: {},
      isFinalInvokeForWindow: false,
      isWindowTerminatedEarly: false,
    });
    const { start, end } = event!.window!;
    expect(start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(end) - Date.parse(start)).toBe(1_000);
    expect(Date.parse(start)).toBeLessThanOrEqual(seen.times[0]!);
    expect(event!.Records).toHaveLength(1);
    const [record] = event!.Records;
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventVersion: '1.1',
      awsRegion: 'us-east-1',
      eventSourceARN: table.streamArn,
    });
    expect(record!.dynamodb).toMatchObject({
      Keys: { pk: { S: keys.project('1').pk }, sk: { S: keys.project('1').sk } },
      NewImage: {
        pk: { S: keys.project('1').pk },
        sk: { S: keys.project('1').sk },
        title: { S: 'کارگاه' },
        budget: { N: '123456789012345678901234567890' },
        photo: { B: 'AQID' },
      },
      SequenceNumber: expect.stringMatching(/^\d{21,40}$/),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      ApproximateCreationDateTime: expect.any(Number),
    });
    expect(record!.dynamodb!.OldImage).toBeUndefined();

    // A change and a removal: old and new images; state carried only within one window.
    await table.set(keys.project('1'), 'title', { S: 'کارگاه تولیدی' });
    await table.remove(keys.project('1'));
    await poller.drained();
    const records = seen.events.flatMap((e) => e.Records);
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(records[1]!.dynamodb).toMatchObject({ OldImage: { title: { S: 'کارگاه' } }, NewImage: { title: { S: 'کارگاه تولیدی' } } });
    expect(records[2]!.dynamodb).toMatchObject({ OldImage: { title: { S: 'کارگاه تولیدی' } } });
    expect(records[2]!.dynamodb!.NewImage).toBeUndefined();
    seen.events.slice(1).forEach((e, i) => {
      const previous = seen.events[i]!;
      expect(e.state).toEqual(e.window!.start === previous.window!.start ? { call: String(i + 1) } : {});
    });
  });

  it('carries state between invocations of the same window', async () => {
    const table = await streamTable();
    const seen = recordingInvoke((event, call) => {
      // Fails the first time, after taking the first record: the retry comes with its state.
      const state = { seen: `${event.state?.seen ?? ''}${call}` };
      return call === 1 ? { state, batchItemFailures: [{ itemIdentifier: event.Records[1]!.dynamodb!.SequenceNumber! }] } : { state, batchItemFailures: [] };
    });
    await table.put(keys.donation('1'));
    await table.put(keys.donation('2'));
    const { poller } = await poll(table, { invoke: seen.invoke, windowSeconds: 900 });
    await poller.drained();
    expect(seen.events.map((e) => e.state)).toEqual([{}, { seen: '1' }]);
    expect(seen.events[1]!.window).toEqual(seen.events[0]!.window);
  });

  it('never delivers aggregate, history, progress or receipt records, yet moves past them', async () => {
    const table = await streamTable();
    const seen = recordingInvoke();
    const aggregate = keys.aggregate(scopes.province('IR-13'));
    await table.put(aggregate, { 'c#projects': { N: '1' } });
    await table.put(keys.history(scopes.province('IR-13'), '2026-11-29'));
    await table.put(keys.progressReceipt('7', '1'));
    await table.put(keys.progressReport('7', '2026-11-29T00:00:00Z', '1'));
    await table.put(keys.donation('9'));
    await table.put(keys.distribution('9'));
    await table.put(aggregate, { 'c#projects': { N: '2' } });
    const { poller } = await poll(table, { invoke: seen.invoke, batchSize: 2 });
    await poller.drained();

    const delivered = seen.events.flatMap((e) => e.Records.map((r) => r.dynamodb!.Keys!.sk!.S));
    expect(delivered).toEqual([keys.donation('9').sk, keys.distribution('9').sk]);
    // Batches of 2: only the third had records to deliver; the others were never an invocation.
    expect(seen.events).toHaveLength(1);
    expect(checkpointOf(table)).toBe(await lastSequence(table));
  });

  it('redelivers from a reported batchItemFailure, and only from there', async () => {
    const table = await streamTable();
    for (let i = 1; i <= 4; i++) await table.put(keys.project(String(i)));
    let failedAt = '';
    const seen = recordingInvoke((event, call) => {
      if (call === 1) failedAt = event.Records[2]!.dynamodb!.SequenceNumber!;
      return { state: {}, batchItemFailures: call === 1 ? [{ itemIdentifier: failedAt }] : [] };
    });
    const { poller, lines } = await poll(table, { invoke: seen.invoke, windowSeconds: 900 });
    await poller.drained();

    const [first, second, ...rest] = seen.sequences();
    expect(first).toHaveLength(4);
    expect(second).toEqual(first!.slice(2));
    expect(second![0]).toBe(failedAt);
    expect(rest).toEqual([]);
    expect(lines.some((l) => l.includes(`reported a failure at ${failedAt}`))).toBe(true);
    expect(checkpointOf(table)).toBe(first![3]);
  });

  it('gives a handler that throws the whole batch again, after a pause', async () => {
    const table = await streamTable();
    for (let i = 1; i <= 3; i++) await table.put(keys.donation(String(i)));
    const seen = recordingInvoke((_event, call) => {
      if (call <= 2) throw new Error(`crash ${call}`);
      return { state: {}, batchItemFailures: [] };
    });
    const { poller, lines } = await poll(table, { invoke: seen.invoke });
    await poller.drained();

    const batches = seen.sequences();
    expect(batches).toHaveLength(3);
    expect(batches[1]).toEqual(batches[0]);
    expect(batches[2]).toEqual(batches[0]);
    expect(batches[0]).toHaveLength(3);
    expect(seen.times[2]! - seen.times[1]!).toBeGreaterThan(seen.times[1]! - seen.times[0]!); // backing off
    expect(lines.filter((l) => l.includes('the handler threw'))).toHaveLength(2);
  });

  it('resumes after its checkpoint when restarted: nothing delivered twice', async () => {
    const table = await streamTable();
    const firstRun = recordingInvoke();
    const first = await poll(table, { invoke: firstRun.invoke });
    for (let i = 1; i <= 3; i++) await table.put(keys.project(String(i)));
    await first.poller.drained();
    await first.poller.stop();
    expect(first.lines[0]).toMatch(/reading from the start of the stream/);

    for (let i = 4; i <= 5; i++) await table.put(keys.project(String(i))); // while it is stopped
    const secondRun = recordingInvoke();
    const second = await poll(table, { invoke: secondRun.invoke });
    await second.poller.drained();

    const delivered = (run: typeof firstRun) => run.events.flatMap((e) => e.Records.map((r) => r.dynamodb!.Keys!.pk!.S));
    const projects = (...ids: string[]) => ids.map((id) => keys.project(id).pk);
    expect(delivered(firstRun)).toEqual(projects('1', '2', '3'));
    expect(delivered(secondRun)).toEqual(projects('4', '5'));
    expect(second.lines[0]).toMatch(/1 resuming after their checkpoint/);
    expect(checkpointOf(table)).toBe(await lastSequence(table));
  });

  it('stop() lets the batch in hand finish and keeps its checkpoint', async () => {
    const table = await streamTable();
    let release = () => {};
    let entered = () => {};
    const inHand = new Promise<void>((resolve) => (entered = resolve));
    const seen = recordingInvoke(async () => {
      entered();
      await new Promise<void>((resolve) => (release = resolve));
      return { state: {}, batchItemFailures: [] };
    });
    await table.put(keys.project('1'));
    const { poller } = await poll(table, { invoke: seen.invoke });
    await inHand;
    const pending = poller.drained();
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await expect(pending).rejects.toThrow(/stopped/);
    expect(checkpointOf(table)).toBe(await lastSequence(table));
  });
});
