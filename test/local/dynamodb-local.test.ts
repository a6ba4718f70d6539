import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE } from '@abad/core/table/definition';
import { keys } from '@abad/core/table/keys';
import { localDynamoDbClientConfig, startDynamoDbLocal, type DynamoDbLocal } from '@abad/local/dynamodb-local';
import { ensureTable } from '@abad/local/table';
import { processInfo } from '@abad/local/process-info';
import { REPO_ROOT } from '@abad/local/paths';

const root = mkdtempSync(join(tmpdir(), 'abad-ddb-'));
const started: DynamoDbLocal[] = [];
afterAll(async () => {
  await Promise.all(started.map((db) => db.stop()));
  rmSync(root, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<DynamoDbLocal> {
  const db = await startDynamoDbLocal({ dataDir });
  started.push(db);
  return db;
}

describe('DynamoDB Local', { timeout: 120_000 }, () => {
  it('creates the table idempotently and keeps table and items across a restart', async () => {
    const dataDir = join(root, 'persist');
    const first = await start(dataDir);
    expect(first.endpoint).toBe(`http://127.0.0.1:${first.port}`);
    expect(existsSync(join(dataDir, 'dynamodb-local.pid'))).toBe(true);

    const client = new DynamoDBClient(localDynamoDbClientConfig(first.endpoint));
    const arn = await ensureTable(client, 'abad-test');
    expect(await ensureTable(client, 'abad-test')).toBe(arn); // second call: no error, same stream
    expect(arn).toMatch(/^arn:aws:dynamodb:.*:table\/abad-test\/stream\//);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'abad-test' }));
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      Object.values(TABLE.indexes)
        .map((i) => i.name)
        .sort(),
    );
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: 'abad-test' }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: TABLE.ttlAttribute });

    const project = keys.project('1');
    await client.send(new PutItemCommand({ TableName: 'abad-test', Item: { pk: { S: project.pk }, sk: { S: project.sk }, title: { S: 'آب‌رسانی' } } }));
    client.destroy();
    await first.stop();
    expect(processInfo(first.pid)).toBeUndefined();
    expect(existsSync(join(dataDir, 'dynamodb-local.pid'))).toBe(false);

    const second = await start(dataDir);
    const again = new DynamoDBClient(localDynamoDbClientConfig(second.endpoint));
    expect((await again.send(new ListTablesCommand({}))).TableNames).toContain('abad-test');
    const { Item } = await again.send(new GetItemCommand({ TableName: 'abad-test', Key: { pk: { S: project.pk }, sk: { S: project.sk } } }));
    expect(Item?.title?.S).toBe('آب‌رسانی');
    expect(await ensureTable(again, 'abad-test')).toBe(arn);
    again.destroy();
    await second.stop();
  });

  it('refuses a second server on a data folder that a live runtime is using', async () => {
    const dataDir = join(root, 'busy');
    const db = await start(dataDir);
    await expect(startDynamoDbLocal({ dataDir })).rejects.toThrow(/already serving/);
    await db.stop();
  });

  it('ends the orphan a SIGKILLed parent left behind, then starts on the same data', async () => {
    const dataDir = join(root, 'orphan');
    const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'local', 'fixtures', 'start-dynamodb-then-hang.ts'), dataDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // The child prints {pid, endpoint} once its DynamoDB Local answers.
    const line = await Promise.race([
      once(createInterface({ input: child.stdout }), 'line').then(([text]) => String(text)),
      once(child, 'exit').then(([code]) => Promise.reject(new Error(`child exited early (${String(code)})`))),
    ]);
    const info = JSON.parse(line) as { pid: number; endpoint: string };
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(processInfo(info.pid)).toBeDefined(); // the JVM outlived its parent

    const db = await start(dataDir);
    expect(processInfo(info.pid)).toBeUndefined();
    expect(db.pid).not.toBe(info.pid);
    await db.stop();
  });
});
