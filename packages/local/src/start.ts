import { relative } from 'node:path';
import { StartupError } from './startup-error.ts';
import { JWKS_PATH } from './http-adapter.ts';
import { DEFAULT_TABLE_NAME, abadDataDir, portFromEnv, refreshIntervalFromEnv } from './paths.ts';
import { startLocalStack, type LocalStack } from './stack.ts';

/**
 * `npm start`: the whole system on this machine until Ctrl-C. Configuration by environment:
 * PORT (3000; 0 = any free port), HOST (127.0.0.1, for the API and DynamoDB Local), ABAD_DATA_DIR (<repo>/.abad),
 * TABLE_NAME (abad-local), DYNAMODB_PORT (a free one), REFRESH_INTERVAL_SECONDS (300; 0 = off),
 * REFRESH_QUIET_SECONDS (900, read by the refresh handler).
 */
const log = (line: string) => console.log(line);

let stack: LocalStack;
try {
  const dataDir = abadDataDir();
  const dynamoDbPort = process.env.DYNAMODB_PORT ? portFromEnv(process.env, 'DYNAMODB_PORT') : undefined;
  const refreshIntervalSeconds = refreshIntervalFromEnv();
  stack = await startLocalStack({
    dataDir,
    port: portFromEnv(),
    host: process.env.HOST || undefined,
    tableName: process.env.TABLE_NAME || DEFAULT_TABLE_NAME,
    dynamoDbPort,
    refreshIntervalSeconds,
    log,
  });
  const shown = relative(process.cwd(), dataDir) || '.';
  // The token CLI signs with the key of the data folder it is told (the demo's is not the default).
  const dataDirPrefix = process.env.ABAD_DATA_DIR ? `ABAD_DATA_DIR=${shown.startsWith('..') ? dataDir : shown} ` : '';
  console.log(
    [
      '',
      `Abad is running (${stack.routes.length} routes).`,
      `  Web pages       ${stack.url}/`,
      `  API             ${stack.url}`,
      `  JWKS            ${stack.url}${JWKS_PATH}`,
      `  DynamoDB Local  ${stack.dynamoDbEndpoint}  (table ${stack.tableName}, data in ${shown.startsWith('..') ? dataDir : shown})`,
      `  Figures         the stream poller feeds the aggregator; ${refreshIntervalSeconds > 0 ? `refresh every ${refreshIntervalSeconds} s` : 'timed refresh off'} (npm run refresh runs it now)`,
      '',
      'Get a token:',
      `  ${dataDirPrefix}npm run token -- --role editor --provinces IR-13`,
      `  TOKEN=$(${dataDirPrefix}npm run -s token -- --role editor --provinces IR-13) && curl -H "Authorization: Bearer $TOKEN" ${stack.url}/projects`,
      '',
      'Ctrl-C stops everything; the data is kept for the next start.',
      '',
    ].join('\n'),
  );
} catch (error) {
  // Java missing, a port taken…: expected situations get their one line, bugs their stack.
  const expected = error instanceof StartupError;
  console.error(error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error));
  process.exit(1);
}

let stoppingSince: number | undefined;
async function shutdown(reason: string, code: number): Promise<void> {
  if (stoppingSince !== undefined) {
    // Wrappers (npm, npx, tsx) relay the terminal's Ctrl-C, so one keypress can arrive two or
    // three times at once: only a signal well after the first means "stop waiting, exit now".
    if (Date.now() - stoppingSince < 1_500) return;
    console.error('Forced exit.');
    process.exit(1);
  }
  stoppingSince = Date.now();
  console.log(`\n${reason}: stopping the HTTP server, the stream poller, the refresh timer and DynamoDB Local…`);
  await stack.stop();
  process.exit(code);
}

process.on('SIGINT', () => void shutdown('Interrupted', 0));
process.on('SIGTERM', () => void shutdown('Terminated', 0));
void stack.failed.then((error) => shutdown(error.message, 1));
