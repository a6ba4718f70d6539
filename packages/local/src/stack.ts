import { once } from 'node:events';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClientConfig } from './client-config.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { findFreePort, isPortFree } from './free-port.ts';
import { loadCursorSecret, setHandlerEnv } from './handler-env.ts';
import { createHttpServer } from './http-adapter.ts';
import { loadIssuer, type Issuer } from './issuer.ts';
import { DEFAULT_HOST } from './listen-address.ts';
import { localIssuerUrl, refreshIntervalFromEnv } from './paths.ts';
import { importHandler, loadRouteTable, type HttpHandler, type LocalRoute } from './routes.ts';
import { StartupError } from './startup-error.ts';
import { createStaticSite } from './static-site.ts';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file.ts';
import { ensureTable } from './table.ts';
import { startBackgroundWorkers } from './workers.ts';

/**
 * The whole system on one machine: DynamoDB Local, the table, the handler environment, the
 * background workers and the HTTP API. Used by `npm start` and by tests that need the
 * running stack. The handler environment is process-wide: one stack per process.
 */
export interface LocalStackOptions {
  /** The `.abad` folder: DynamoDB data in `dynamodb/`, the issuer key, the cursor secret. */
  dataDir: string;
  /** HTTP port; 0 picks a free one. */
  port: number;
  tableName: string;
  log: (line: string) => void;
  /** Interface the API and DynamoDB Local listen on; loopback by default so a laptop does not serve its LAN. */
  host?: string;
  /** DynamoDB Local's port; a free one by default. */
  dynamoDbPort?: number;
  /** Replaces the functions package's route table (tests). */
  routes?: readonly LocalRoute[];
  /** Replaces the import of `@abad/functions/http/<handler>` (tests). */
  loadHandler?: (route: LocalRoute) => Promise<HttpHandler>;
  /** Seconds between refresh runs (0: none); REFRESH_INTERVAL_SECONDS or 300 by default. */
  refreshIntervalSeconds?: number;
}

export interface LocalStack {
  url: string;
  dynamoDbEndpoint: string;
  tableName: string;
  streamArn: string;
  issuer: Issuer;
  routes: readonly LocalRoute[];
  /** Settles when a part dies on its own (DynamoDB Local, a worker): the caller should stop. */
  failed: Promise<Error>;
  /** Resolves once every change written so far has been delivered to the aggregator. */
  streamDrained(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { dataDir, tableName, log, host = DEFAULT_HOST } = options;
  const refreshIntervalSeconds = options.refreshIntervalSeconds ?? refreshIntervalFromEnv();
  const cleanup: (() => Promise<void>)[] = []; // run in reverse on stop or failed start
  let stopping = false;
  let reportFailure: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (reportFailure = (error) => stopping || resolve(error)));

  const stop = once_(async () => {
    stopping = true;
    for (const step of cleanup.reverse()) await step();
  });

  const portTaken = () => new StartupError(`Port ${options.port} is already in use: set PORT to another one (PORT=0 picks a free port).`);
  // Checked first too, so a taken port fails at once rather than after DynamoDB Local's startup.
  if (options.port !== 0 && !(await isPortFree(options.port))) throw portTaken();

  try {
    // 1. The database, with data on disk, on the same interface as the API (loopback by default).
    const db: DynamoDbLocal = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb'), port: options.dynamoDbPort, host });
    cleanup.push(() => db.stop());
    void db.exited.then(({ code, signal }) => reportFailure(new Error(`DynamoDB Local exited unexpectedly (${signal ?? `code ${code}`})`)));

    // 2. The table, from the one definition in core.
    const client = new DynamoDBClient(localDynamoDbClientConfig(db.endpoint));
    const streamArn = await ensureTable(client, tableName).finally(() => client.destroy());

    // 3. The handlers' environment, before any handler (or the route table) is imported.
    setHandlerEnv({ tableName, dynamoDbEndpoint: db.endpoint, cursorSecret: await loadCursorSecret(dataDir) });

    // 4. The issuer: its URL is the API's origin, so the port must be known first.
    const port = options.port === 0 ? await findFreePort() : options.port;
    const url = localIssuerUrl(port);
    const issuer = await loadIssuer(dataDir, url);
    const routes = options.routes ?? (await loadRouteTable());

    // 5. Background workers (stream poller, refresh timer): started after the table and the
    //    environment exist; stopped after the HTTP server (no new writes) and before the DB.
    const { workers, streamDrained } = await startBackgroundWorkers({
      dynamoDbEndpoint: db.endpoint,
      tableName,
      streamArn,
      dataDir,
      refreshIntervalSeconds,
      log,
      fail: reportFailure,
    });
    for (const worker of workers) cleanup.push(() => worker.stop());

    // 6. The HTTP API, last, so nothing is served before everything behind it is ready.
    //    With the web pages (packages/web/dist) and the development sign-in on the same port.
    const server = createHttpServer({ routes, loadHandler: options.loadHandler ?? importHandler, issuer, log, site: createStaticSite({ issuer }) });
    server.listen(port, host);
    await once(server, 'listening').catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') throw portTaken();
      throw error;
    });
    cleanup.push(() => closeServer(server));

    // 7. Tell commands run beside it (`npm run refresh`) which DynamoDB Local serves this folder.
    writeRuntimeFile(dataDir, { pid: process.pid, dynamoDbEndpoint: db.endpoint, tableName, url });
    cleanup.push(async () => removeRuntimeFile(dataDir, process.pid));

    return { url, dynamoDbEndpoint: db.endpoint, tableName, streamArn, issuer, routes, failed, streamDrained, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops accepting, lets requests in flight finish for a moment, then cuts what is left. */
async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), 3_000);
  await closed;
  clearTimeout(timer);
}

/** stop() may be called by a signal handler and a test at once: run it one time. */
function once_(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
