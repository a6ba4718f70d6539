import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClientConfig } from './client-config.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { loadCursorSecret, setHandlerEnv } from './handler-env.ts';
import { DEFAULT_TABLE_NAME, abadDataDir } from './paths.ts';
import { refreshReportLines } from './refresh-report-text.ts';
import { runRefreshSteps } from './refresh-steps.ts';
import { runningStack } from './runtime-file.ts';
import { StartupError } from './startup-error.ts';
import { ensureTable } from './table.ts';

/**
 * `npm run refresh [-- --json] [--quiet-seconds N]`: runs the refresh handler once on the
 * local data and prints its report — per scope what differed and whether it was repaired —
 * or, with --json, the report itself. With `npm start` running it uses that DynamoDB Local;
 * otherwise it starts one on the data folder for the run. Progress goes to stderr, so stdout
 * is only the report.
 */
const USAGE = 'usage: npm run refresh [-- --json] [--quiet-seconds N]';

function usageError(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { json: { type: 'boolean', default: false }, 'quiet-seconds': { type: 'string' } }, strict: true }));
} catch (error) {
  usageError(error instanceof Error ? error.message : String(error));
}
const quietText = values['quiet-seconds'];
const quietSeconds = quietText === undefined ? undefined : Number(quietText);
if (quietText !== undefined && !/^\d+(\.\d+)?$/.test(quietText)) usageError(`--quiet-seconds must be a number of seconds, not "${quietText}"`);

const dataDir = abadDataDir();
let db: DynamoDbLocal | undefined;
try {
  const running = runningStack(dataDir);
  let endpoint: string;
  let tableName: string;
  if (running) {
    process.stderr.write(`Using the DynamoDB Local of the running stack (${running.dynamoDbEndpoint}, table ${running.tableName}).\n`);
    ({ dynamoDbEndpoint: endpoint, tableName } = running);
  } else {
    process.stderr.write(`No stack running on ${dataDir}: starting DynamoDB Local for this run…\n`);
    db = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
    endpoint = db.endpoint;
    tableName = process.env.TABLE_NAME || DEFAULT_TABLE_NAME;
    const client = new DynamoDBClient(localDynamoDbClientConfig(endpoint));
    await ensureTable(client, tableName).finally(() => client.destroy());
  }

  setHandlerEnv({ tableName, dynamoDbEndpoint: endpoint, cursorSecret: await loadCursorSecret(dataDir) });
  // The report printed below says everything the handler's JSON log lines and metrics would,
  // and those go to stdout, where they would break --json.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const { handler } = await import('@abad/functions/cron/refresh');
  // Plan, every part concurrently, merge: the state machine's steps through the same handler.
  const report = await runRefreshSteps(handler, quietSeconds === undefined ? {} : { quietSeconds });

  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${refreshReportLines(report).join('\n')}\n`);
} catch (error) {
  // Java missing, a stack starting at the same moment…: one line; anything else with its stack.
  const expected = error instanceof StartupError;
  process.stderr.write(`${error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await db?.stop();
}
