import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocumentClient, createProject, provinceFigures, scopes, type Principal, type Store } from '@abad/core';
import { keys } from '@abad/core/table/keys';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import { findFreePort } from '@abad/local/free-port';
import { REPO_ROOT } from '@abad/local/paths';
import { startLocalStack, type LocalStack } from '@abad/local/stack';

/**
 * The stack's background workers with the real handlers: a write reaches the figures through
 * the stream poller and the aggregator; `npm run refresh` finds the running stack through
 * runtime.json, or runs on its own when none is running; a restart counts nothing twice.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'abad-stream-stack-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// The handlers' JSON log lines and metrics would only clutter the test output.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const admin: Principal = { subject: 'test', role: 'admin', provinces: '*' };
const tableName = 'abad-stream-stack';

function storeOf(stack: LocalStack): Store {
  return { doc: createDocumentClient(localDynamoDbClientConfig(stack.dynamoDbEndpoint)), tableName, cursorSecret: 'test', now: () => new Date() };
}

const project = (store: Store) =>
  createProject(store, admin, {
    title: 'کارگاه تولیدی',
    category: 'workshop',
    programme: 'اشتغال',
    province: 'IR-13',
    county: 'همدان',
    status: 'in_progress',
    progressPercent: 40,
    budgetToman: 1_000n,
    loansToman: 500n,
    jobsCreated: 3,
    housingUnits: 0,
    beneficiaryHouseholds: 2,
  });

async function refreshCli(...args: string[]) {
  const { stdout, stderr } = await promisify(execFile)('npm', ['run', '-s', 'refresh', '--', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ABAD_DATA_DIR: dataDir, TABLE_NAME: tableName },
  });
  return { stdout, stderr };
}

describe('the stack’s stream poller and refresh', { timeout: 120_000 }, () => {
  it('aggregates writes, refreshes beside the running stack or alone, and survives a restart', async () => {
    const dynamoDbPort = await findFreePort(); // the same port again after the restart: handlers keep their client
    const start = () => startLocalStack({ dataDir, port: 0, tableName, dynamoDbPort, routes: [], refreshIntervalSeconds: 0, log: () => {} });

    let stack = await start();
    const runtime = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8'));
    expect(runtime).toEqual({ pid: process.pid, dynamoDbEndpoint: stack.dynamoDbEndpoint, tableName, url: stack.url });

    let store = storeOf(stack);
    await project(store);
    await stack.streamDrained();
    expect((await provinceFigures(store, 'IR-13')).projects).toMatchObject({ total: 1, budgetToman: 1000n, jobsCreated: 3 });

    // A corrupted aggregate, repaired by `npm run refresh` talking to the running stack.
    await store.doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.aggregate(scopes.province('IR-13')),
        UpdateExpression: 'SET #c = :wrong',
        ExpressionAttributeNames: { '#c': 'c#projects' },
        ExpressionAttributeValues: { ':wrong': 5 },
      }),
    );
    const readable = await refreshCli('--quiet-seconds', '0');
    expect(readable.stderr).toMatch(/Using the DynamoDB Local of the running stack/);
    expect(readable.stdout).toMatch(/^Refresh: \d+ items scanned, 1 of \d+ scopes with drift, 1 repaired\.$/m);
    expect(readable.stdout).toMatch(/^ {2}PROVINCE#IR-13: repaired — projects 5 → 1$/m);
    expect((await provinceFigures(store, 'IR-13')).projects.total).toBe(1);

    const json = JSON.parse((await refreshCli('--json')).stdout);
    expect(json).toMatchObject({ itemsScanned: expect.any(Number), drift: [], historyWritten: 33 }); // 31 provinces, IR and the nation

    await stack.stop();
    expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'stream-checkpoints.json'))).toBe(true);

    // Restarted: resumes after its checkpoint; the first project is not counted again.
    stack = await start();
    store = storeOf(stack);
    await project(store);
    await stack.streamDrained();
    expect((await provinceFigures(store, 'IR-13')).projects.total).toBe(2);
    await stack.stop();

    // No stack running: the command starts DynamoDB Local on the data folder for its run.
    const alone = await refreshCli('--json');
    expect(alone.stderr).toMatch(/No stack running/);
    expect(JSON.parse(alone.stdout)).toMatchObject({ drift: [], invalidItems: [] });
    expect(existsSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'))).toBe(false);
  });
});
