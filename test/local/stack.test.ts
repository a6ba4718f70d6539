import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processInfo } from '@abad/local/process-info';
import { loadRouteTable, type HttpHandler, type LocalRoute } from '@abad/local/routes';
import { startLocalStack } from '@abad/local/stack';
import { StartupError } from '@abad/local/startup-error';
import * as handlers from './fixtures/handlers.ts';
import { send } from './fixtures/http-client.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'abad-stack-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const routes: LocalRoute[] = [{ method: 'POST', path: '/echo/{id}', handler: 'echo', auth: 'jwt' }];
const loadHandler = async (route: LocalRoute) => (handlers as Record<string, HttpHandler>)[route.handler]!;

describe('the local stack', { timeout: 120_000 }, () => {
  it('starts everything, gives handlers their environment, and keeps its secrets across restarts', async () => {
    const lines: string[] = [];
    const stack = await startLocalStack({ dataDir, port: 0, tableName: 'abad-stack-test', log: (l) => lines.push(l), routes, loadHandler });
    expect(stack.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(stack.issuer.issuerUrl).toBe(stack.url);
    expect(process.env).toMatchObject({
      TABLE_NAME: 'abad-stack-test',
      DYNAMODB_ENDPOINT: stack.dynamoDbEndpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_SERVICE_NAME: 'abad',
    });
    const cursorSecret = readFileSync(join(dataDir, 'cursor-secret'), 'utf8').trim();
    expect(process.env.CURSOR_SECRET).toBe(cursorSecret);
    expect(cursorSecret.length).toBeGreaterThanOrEqual(40);

    const token = await stack.issuer.mintToken({ role: 'editor', provinces: 'IR-13' });
    const reply = await send(stack.url, 'POST', '/echo/1', { headers: { authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(200);
    expect(reply.json<{ env: Record<string, string> }>().env).toEqual({ TABLE_NAME: 'abad-stack-test', DYNAMODB_ENDPOINT: stack.dynamoDbEndpoint });
    expect((await send(stack.url, 'GET', '/.well-known/jwks.json')).json()).toEqual(stack.issuer.jwks());
    expect(lines.some((l) => l.includes('POST /echo/1 → 200'))).toBe(true);

    const pid = Number(JSON.parse(readFileSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8')).pid);
    await stack.stop();
    await stack.stop(); // twice is harmless
    expect(processInfo(pid)).toBeUndefined();
    await expect(fetch(`${stack.url}/.well-known/jwks.json`)).rejects.toThrow();

    const again = await startLocalStack({ dataDir, port: 0, tableName: 'abad-stack-test', log: () => {}, routes, loadHandler });
    expect(again.streamArn).toBe(stack.streamArn);
    expect(again.issuer.jwks()).toEqual(stack.issuer.jwks());
    expect(process.env.CURSOR_SECRET).toBe(cursorSecret);
    await again.stop();
    expect(existsSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'))).toBe(true);
  });

  it('refuses a taken port at once, with a one-line StartupError', async () => {
    const blocker = createServer().listen(0);
    await once(blocker, 'listening');
    const port = (blocker.address() as AddressInfo).port;
    const attempt = startLocalStack({ dataDir: join(dataDir, 'taken'), port, tableName: 'abad-x', log: () => {}, routes, loadHandler });
    await expect(attempt).rejects.toBeInstanceOf(StartupError);
    await expect(attempt).rejects.toThrow(`Port ${port} is already in use`);
    blocker.close();
  });

  it('reports DynamoDB Local dying on its own through `failed`', async () => {
    const dir = join(dataDir, 'crash');
    const stack = await startLocalStack({ dataDir: dir, port: 0, tableName: 'abad-crash', log: () => {}, routes, loadHandler });
    const pid = Number(JSON.parse(readFileSync(join(dir, 'dynamodb', 'dynamodb-local.pid'), 'utf8')).pid);
    process.kill(pid, 'SIGKILL');
    expect((await stack.failed).message).toMatch(/DynamoDB Local exited unexpectedly \(SIGKILL\)/);
    await stack.stop();
  });

  it('reads the functions package route table when it exists, and an empty one otherwise', async () => {
    const table = await loadRouteTable();
    expect(Array.isArray(table)).toBe(true);
    for (const route of table) expect(route.path.startsWith('/')).toBe(true);
  });
});
