import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localDynamoDbClientConfig, startDynamoDbLocal } from '@abad/local/dynamodb-local';
import { bindAddress, connectHost } from '@abad/local/listen-address';
import { send } from './fixtures/http-client.ts';

/**
 * DynamoDB Local accepts any credentials, so whoever reaches its port can Scan donors'
 * phones: it must listen on loopback (or the HOST the user chose), answer only requests
 * addressed to this machine, and keep its files owner-only. Checked against the OS: real
 * connections, the kernel's socket table, file modes.
 */
const root = mkdtempSync(join(tmpdir(), 'abad-ddb-exposure-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** This machine's addresses other than loopback (link-local IPv6 needs a scope: left out). */
function otherAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && !a.address.startsWith('fe80:'))
    .map((a) => a.address);
}

/** Whether a TCP connection to host:port is accepted (true) or refused (false). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: 5_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port}`));
    });
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? resolve(false) : reject(error)));
  });
}

/** Linux: the local addresses of sockets listening on `port`, from /proc/net/tcp and tcp6. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`)) // 0A = LISTEN
      .map((fields) => procAddress(fields[1]!.split(':')[0]!)),
  );
}

/** /proc's hex address (32-bit words in host byte order, little-endian here) as text; v4-mapped v6 as v4. */
function procAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((word) => word.match(/../g)!.reverse().join(''));
  if (words.length === 1)
    return words[0]!
      .match(/../g)!
      .map((b) => parseInt(b, 16))
      .join('.');
  const v6 = words.join('');
  if (v6.startsWith('00000000000000000000FFFF'))
    return v6
      .slice(24)
      .match(/../g)!
      .map((b) => parseInt(b, 16))
      .join('.');
  return v6.match(/.{4}/g)!.join(':').toLowerCase();
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

function dbFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.db'));
}

describe('DynamoDB Local exposure', { timeout: 180_000 }, () => {
  it("the stack's DynamoDB Local listens on 127.0.0.1 only", async () => {
    const { hostname, port: portText } = new URL(inject('dynamoDbEndpoint'));
    const port = Number(portText);
    expect(hostname).toBe('127.0.0.1');
    expect(await accepts('127.0.0.1', port)).toBe(true);

    const others = otherAddresses();
    for (const address of others) expect(await accepts(address, port), `connection on ${address}:${port}`).toBe(false);
    if (process.platform === 'linux') expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
    // At least one of the two checks above looked beyond loopback.
    expect(others.length > 0 || process.platform === 'linux').toBe(true);
  });

  it('refuses a request naming another host (DNS rebinding from a browser), with no data', async () => {
    const endpoint = inject('dynamoDbEndpoint');
    const { port } = new URL(endpoint);
    // What a browser sends for a page of evil.example whose name was re-pointed at 127.0.0.1;
    // DynamoDB Local takes any credentials, so only the Host tells the two apart.
    const listTables = (host: string) =>
      send(endpoint, 'POST', '/', {
        headers: {
          host,
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization: 'AWS4-HMAC-SHA256 Credential=any/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: '{}',
      });
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.nip.io:${port}`]) {
      const refused = await listTables(host);
      expect(refused.status, host).toBe(403);
      expect(refused.text).not.toContain('TableNames');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const answered = await listTables(host);
      expect(answered.status, host).toBe(200);
      expect(answered.json<{ TableNames: string[] }>().TableNames).toContain(inject('tableName'));
    }
  });

  it("the stack's database folder and .db files (written by the JVM after start) are owner-only", () => {
    const dir = join(inject('dataDir'), 'dynamodb');
    expect(mode(dir)).toBe(0o700);
    const files = dbFiles(dir);
    expect(files).toContain('shared-local-instance.db');
    for (const name of files) expect(mode(join(dir, name)), name).toBe(0o600);
  });

  it('tightens the modes of files left readable by an earlier run', async () => {
    const dataDir = join(root, 'loose');
    const first = await startDynamoDbLocal({ dataDir });
    const client = new DynamoDBClient(localDynamoDbClientConfig(first.endpoint));
    await client.send(new ListTablesCommand({}));
    client.destroy();
    await first.stop();
    const file = join(dataDir, 'shared-local-instance.db');
    expect(existsSync(file)).toBe(true);
    chmodSync(file, 0o644);
    chmodSync(dataDir, 0o755);

    const second = await startDynamoDbLocal({ dataDir });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(file)).toBe(0o600);
    } finally {
      await second.stop();
    }
  });

  it('listens only on the address HOST names when the user chose one', async () => {
    const [other] = otherAddresses().filter((a) => !a.includes(':'));
    const host = other ?? '127.0.0.2'; // all of 127/8 is loopback on Linux, yet 127.0.0.2 is not 127.0.0.1
    const db = await startDynamoDbLocal({ dataDir: join(root, 'host'), host });
    try {
      expect(db.endpoint).toBe(`http://${host}:${db.port}`);
      const client = new DynamoDBClient(localDynamoDbClientConfig(db.endpoint));
      await client.send(new ListTablesCommand({}));
      client.destroy();
      expect(await accepts('127.0.0.1', db.port)).toBe(false);
    } finally {
      await db.stop();
    }
  });

  it('maps HOST to the address to bind and the one to connect to', () => {
    expect([bindAddress('localhost'), connectHost('localhost')]).toEqual(['127.0.0.1', '127.0.0.1']);
    expect([bindAddress('0.0.0.0'), connectHost('0.0.0.0')]).toEqual(['0.0.0.0', '127.0.0.1']);
    expect([bindAddress('::'), connectHost('[::]')]).toEqual(['::', '127.0.0.1']);
    expect([bindAddress('[::1]'), connectHost('::1')]).toEqual(['::1', '[::1]']);
    expect(connectHost('192.168.1.5')).toBe('192.168.1.5');
  });
});
