import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadIssuer } from '@abad/local/issuer';

/**
 * Durability: `npm start`'s stack is killed with SIGKILL (node and DynamoDB Local, no chance
 * to flush anything) during a burst of writes; after a restart every write that got a 2xx is
 * there. The stack's logs of both runs never show a donor's name or phone.
 */
const REPO = new URL('..', import.meta.url).pathname;

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function start(dataDir: string, port: number): Promise<Running> {
  const child = spawn(join(REPO, 'node_modules/.bin/tsx'), ['packages/local/src/start.ts'], {
    cwd: REPO,
    // Every log line the handlers can write (DEBUG), so the privacy check below sees them all.
    env: { ...process.env, ABAD_DATA_DIR: dataDir, PORT: String(port), POWERTOOLS_LOG_LEVEL: 'DEBUG' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Abad is running')) {
    if (Date.now() > deadline || !isRunning(child)) throw new Error(`stack did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url: `http://localhost:${port}`, output: () => output };
}

async function killHard(dataDir: string, running: Running): Promise<void> {
  const { pid: javaPid } = JSON.parse(await readFile(join(dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8')) as { pid: number };
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  process.kill(-running.child.pid!, 'SIGKILL');
  process.kill(javaPid, 'SIGKILL');
  await exited;
  while (isAlive(javaPid)) await new Promise((r) => setTimeout(r, 50));
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('durability across SIGKILL', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('keeps every acknowledged write', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'abad-durability-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const first = await start(dataDir, port);
    cleanup.push(async () => {
      if (isRunning(first.child)) process.kill(-first.child.pid!, 'SIGKILL');
    });

    const issuer = await loadIssuer(dataDir, first.url);
    const admin = await issuer.mintToken({ subject: 'durability-admin', role: 'admin', provinces: '*' });
    const operator = await issuer.mintToken({ subject: 'durability-operator', role: 'operator', provinces: ['IR-13'] });
    const post = (path: string, token: string, body: unknown) =>
      fetch(`${first.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const drive = (await (await post('/drives', admin, { name: 'پویش دوام', startDate: '2026-01-01' })).json()) as { id: string };

    const acknowledged: string[] = [];
    let attempts = 0;
    let stop = false;
    const phone = '09127776655';
    const donorName = 'اکبر ثابت‌قدم';
    const worker = async () => {
      while (!stop) {
        attempts++;
        try {
          const response = await post('/donations', operator, {
            driveId: drive.id,
            province: 'IR-13',
            county: 'همدان',
            kind: 'cash',
            amountToman: String(1000 + attempts),
            donor: { name: donorName, phone },
            channel: 'صندوق',
          });
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        } catch {
          // Connection cut by the kill: not acknowledged, so not promised.
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 20));
    await killHard(dataDir, first); // while the workers are still writing
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    const second = await start(dataDir, port);
    cleanup.push(async () => {
      if (isRunning(second.child)) {
        const exited = new Promise((resolve) => second.child.once('exit', resolve));
        process.kill(-second.child.pid!, 'SIGTERM');
        await exited;
      }
    });
    const missing: string[] = [];
    for (const id of acknowledged) {
      const response = await fetch(`${second.url}/donations/${id}`, { headers: { authorization: `Bearer ${admin}` } });
      if (response.status !== 200) missing.push(`${id}: ${response.status}`);
    }
    expect(missing).toEqual([]);

    for (const output of [first.output(), second.output()]) {
      expect(output).not.toContain(phone);
      expect(output).not.toContain('9127776655');
      expect(output).not.toContain(donorName);
    }
  });
});
