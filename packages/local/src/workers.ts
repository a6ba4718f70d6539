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
  log: (line: string) => void;
  /** A worker that dies on its own reports it here; the runtime then shuts down. */
  fail: (error: Error) => void;
}

export async function startBackgroundWorkers(context: WorkerContext): Promise<BackgroundWorker[]> {
  const workers: BackgroundWorker[] = [];
  void context;
  // To come: workers.push(await startStreamPoller(context)); workers.push(startRefreshTimer(context));
  return workers;
}
