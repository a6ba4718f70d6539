import { createLambdaContext } from './lambda-context.ts';
import { runRefreshSteps } from './refresh-steps.ts';
import { startRefreshTimer } from './refresh-timer.ts';
import { startStreamPoller } from './stream-poller.ts';

/**
 * Background workers of the local runtime: what in AWS runs beside the API without a
 * request — the stream poller feeding the aggregator (Lambda's event source mapping) and
 * the refresh on a timer (the cron). The stack starts them after the table exists and the
 * handler environment is set, and stops them after the HTTP server, before DynamoDB Local.
 */
export interface BackgroundWorker {
  name: string;
  /** Finish the work in hand (a batch being applied) and stop; must not throw. */
  stop(): Promise<void>;
}

export interface WorkerContext {
  dynamoDbEndpoint: string;
  tableName: string;
  streamArn: string;
  /** The data folder: the poller keeps its stream checkpoints there. */
  dataDir: string;
  /** Seconds between two refresh runs; 0 turns the timer off. */
  refreshIntervalSeconds: number;
  log: (line: string) => void;
  /** A worker that dies on its own reports it here; the runtime then shuts down. */
  fail: (error: Error) => void;
}

export interface BackgroundWorkers {
  /** In start order; stop them in reverse. */
  workers: BackgroundWorker[];
  /** Resolves once everything written so far has gone through the aggregator. */
  streamDrained(): Promise<void>;
}

/** Lambda's timeout for the aggregator, which the handler sees in its context. */
const AGGREGATE_TIMEOUT_MS = 60_000;

export async function startBackgroundWorkers(context: WorkerContext): Promise<BackgroundWorkers> {
  const { log, refreshIntervalSeconds } = context;
  // Imported here, not at the top: the handlers read the environment the stack has just set.
  const { handler: aggregate } = await import('@abad/functions/stream/aggregate');
  const { handler: refresh } = await import('@abad/functions/cron/refresh');

  const poller = await startStreamPoller({
    dynamoDbEndpoint: context.dynamoDbEndpoint,
    streamArn: context.streamArn,
    dataDir: context.dataDir,
    invoke: (event) => aggregate(event, createLambdaContext('abad-aggregate', AGGREGATE_TIMEOUT_MS)),
    log,
    fail: context.fail,
  });
  const workers: BackgroundWorker[] = [{ name: 'stream poller', stop: poller.stop }];

  if (refreshIntervalSeconds > 0) {
    workers.push(
      // The state machine's steps, its parts concurrently, through the same handler (refresh-steps.ts).
      startRefreshTimer({ intervalSeconds: refreshIntervalSeconds, refresh: () => runRefreshSteps(refresh), log }),
    );
  } else {
    log('refresh timer: off (REFRESH_INTERVAL_SECONDS=0); run it with `npm run refresh`');
  }
  return { workers, streamDrained: poller.drained };
}
